/** Groups a Base32 key in fours so it is easy to type ("ABCD EFGH …"). */
export function groupKey(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}
