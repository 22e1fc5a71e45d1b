import type { FactDiff } from './types';

// PLACEHOLDER (owned by the facts/discrepancies work).
export function findDiscrepancies(_pageText: string, _referenceText: string): FactDiff[] {
  return [];
}

/** One sentence a reader understands, e.g. "This page says RC-125; The New York Times says RC-135." */
export function explainDiscrepancy(d: FactDiff, outlet: string): string {
  return `This page says ${d.page}; ${outlet} says ${d.reference}.`;
}
