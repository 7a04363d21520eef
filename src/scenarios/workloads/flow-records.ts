/** What the flow workload's workers saw: each run of a child and of a parent, by the marker its data carries. */

export const CHILDREN_PER_FLOW = 3;

/** A child's marker: its flow's index and its own index in that flow. */
export interface ChildMarker {
  flow: number;
  child: number;
}

export interface ChildRun {
  jobId: string;
  /** The parent's job id, as the child's record named it. */
  parentId: string | undefined;
  atEpochMs: number;
}

export interface ParentRun {
  jobId: string;
  atEpochMs: number;
  /** How many of its children had run in this workload's children worker when it started. */
  childrenRan: number;
  /** How many children values BullMQ handed it (completed children); undefined when that read failed. */
  childrenValues: number | undefined;
}

export class FlowRecords {
  /** Runs of each child, keyed `<flow>.<child>`. */
  readonly children = new Map<string, ChildRun[]>();
  /** Runs of each parent, by flow index. */
  readonly parents = new Map<number, ParentRun[]>();

  child(marker: ChildMarker, run: ChildRun): void {
    const key = childKey(marker);
    this.children.set(key, [...(this.children.get(key) ?? []), run]);
  }

  parent(flow: number, run: ParentRun): void {
    this.parents.set(flow, [...(this.parents.get(flow) ?? []), run]);
  }

  /** How many of a flow's children have run at least once. */
  childrenRan(flow: number): number {
    let ran = 0;
    for (let child = 0; child < CHILDREN_PER_FLOW; child++) if (this.children.has(childKey({ flow, child }))) ran++;
    return ran;
  }
}

const childKey = (m: ChildMarker) => `${m.flow}.${m.child}`;

export const childMarkerOf = (data: unknown): ChildMarker | undefined =>
  typeof data === 'object' && data !== null && 'flow' in data && 'child' in data && typeof data.flow === 'number' && typeof data.child === 'number'
    ? { flow: data.flow, child: data.child }
    : undefined;

export const flowOf = (data: unknown): number | undefined =>
  typeof data === 'object' && data !== null && 'flow' in data && typeof data.flow === 'number' ? data.flow : undefined;
