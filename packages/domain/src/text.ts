import type { FieldIssue } from './errors';

// Shared checks of free text in the rules (not exported from the package).

export const isBlank = (s: string | null | undefined): boolean => !s || s.trim() === '';

/** Length in characters (code points), as JSON Schema's maxLength counts it, so the API and the rules agree on a limit. */
export const charLength = (s: string): number => [...s].length;

/** `required` when blank and required, `maxLength` with `{limit}` when too long (the API's field codes), else null. */
export function textIssue(field: string, value: string | null | undefined, limit: number, required: boolean): FieldIssue | null {
  if (isBlank(value)) return required ? { field, code: 'required' } : null;
  return charLength(value!) > limit ? { field, code: 'maxLength', params: { limit } } : null;
}
