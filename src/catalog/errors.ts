import type { z } from 'zod';

/** Enough to see the pattern; a thousand lines would hide it. */
const MAX_SHOWN = 20;

/** A data problem a person can fix: the message names the file, the record and the field. */
export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, MAX_SHOWN);
    const more = problems.length > MAX_SHOWN ? `\n...and ${problems.length - MAX_SHOWN} more` : '';
    super(problems.length === 1 ? problems[0] : `${problems.length} problems in the data:\n${shown.join('\n')}${more}`);
    this.name = 'CatalogError';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function show(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** Turns zod issues into one readable line each, quoting the offending value. */
export function describeIssues(file: string, data: unknown, issues: readonly z.core.$ZodIssue[]): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`${file}: ${formatPath([...issue.path, key])}: unknown field`);
      continue;
    }
    const where = issue.path.length > 0 ? formatPath(issue.path) : '(top level)';
    const value = valueAt(data, issue.path);
    let what: string;
    if (value === undefined) what = 'is missing';
    else if (issue.code === 'invalid_type') what = `${show(value)} is not a ${issue.expected}`;
    else if (/^(is|must) /.test(issue.message)) what = `${show(value)} ${issue.message}`;
    else what = `${show(value)}: ${issue.message}`;
    lines.push(`${file}: ${where}: ${what}`);
  }
  return lines;
}
