/**
 * Returns a copy of a discord.js REST error without `requestBody`, which contains the message sent (a
 * reveal names the recipient), so that it can be logged or kept as a `cause`. Other values pass through.
 */
export function withoutRequestBody(error: unknown): unknown {
  if (!(error instanceof Error) || !('requestBody' in error)) return error;

  const copy = new Error(error.message);
  copy.name = error.name;
  copy.stack = error.stack;
  for (const key of ['code', 'status', 'method', 'url'] as const) {
    if (key in error) Object.assign(copy, { [key]: (error as unknown as Record<string, unknown>)[key] });
  }
  return copy;
}
