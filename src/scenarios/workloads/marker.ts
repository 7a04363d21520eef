/** The index a workload put in its job's data (`{ marker: i }`): jobs are known by it, since a failover can hand one job id out twice. */
export const markerOf = (data: unknown): number | undefined =>
  typeof data === 'object' && data !== null && 'marker' in data && typeof data.marker === 'number' ? data.marker : undefined;
