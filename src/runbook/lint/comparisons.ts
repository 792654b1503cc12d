/** Which way a threshold is crossed: above it (`>`, "above"), below it (`<`, "under"), or neither said (`==`, none). */
export type Direction = 'above' | 'below' | null;

/** Comparison operators, as PromQL writes them and as a runbook's prose does. */
export const operatorPattern =
  />=|<=|==|!=|[<>=≥≤]|\b(?:above|over|exceed(?:s|ing)?|more than|greater than|higher than|at least|beyond|below|under|less than|fewer than|lower than|at most)\b/gi;

export function directionOf(operator: string): Direction {
  if (/^(>|≥|above|over|exceed|more|greater|higher|at least|beyond)/i.test(operator)) return 'above';
  if (/^(<|≤|below|under|less|fewer|lower|at most)/i.test(operator)) return 'below';
  return null;
}

export interface Comparison {
  readonly value: number;
  readonly direction: Direction;
}

/** The literals a PromQL expr compares against (`> 0.85`, `== bool 0`, `< 1e3`), each with its direction. */
export function exprComparisons(expr: string): Comparison[] {
  return [...expr.matchAll(/(>=|<=|==|!=|>|<)\s*(?:bool\s+)?(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)/gi)].map((m) => ({
    value: Number(m[2]),
    direction: directionOf(m[1] ?? ''),
  }));
}
