/**
 * The stable name a local node announces under `announce: hostnames`: `<id>.<topology>.internal`
 * (`.internal` is reserved for private names, so it never collides with a real domain).
 */
export function localHostname(topologyName: string, nodeId: string): string {
  return `${nodeId}.${topologyName}.internal`;
}
