/**
 * The race of a fault that ends by itself (a pause, a DEBUG SLEEP, a network fault lasting
 * --fault-ms): when the node hit came back before a replica was promoted, the old master took
 * writes again until it was demoted, and those went with it. One note when it happened.
 */
export function backBeforePromotionNotes(faultEndedMs: number | undefined, promoteMs: number | null, gone: number | undefined): string[] {
  if (faultEndedMs === undefined || promoteMs === null || faultEndedMs >= promoteMs) return [];
  const lost = gone ? `; ${gone} acknowledged records are gone from the final master` : '';
  return [
    `the node hit was back at ${faultEndedMs} ms, ${promoteMs - faultEndedMs} ms before the promotion (${promoteMs} ms): what it acknowledged in between went with its demotion${lost}`,
  ];
}
