// How account text (descriptions, ids, metadata) is written into each target language, so that the
// program reads back exactly what the account holds and nothing in that text is taken for syntax:
// TypeScript string literals and comments, Pulumi YAML's `${...}` interpolation, and YAML scalars
// as Pulumi YAML's Go parser (go-yaml v3, a libyaml port) reads them.
import { Document, type ScalarTag } from "yaml";

/**
 * Characters written as escapes rather than as themselves: control and format characters (bidi
 * overrides, zero-width characters, BOM), unassigned and private-use code points, and the line and
 * paragraph separators. A reader of the program sees where they are, and no tool in between (an
 * editor, a diff, YAML 1.1's line breaks U+0085/U+2028/U+2029) can change them.
 */
const INVISIBLE = /[\p{C}\p{Zl}\p{Zp}]/gu;

/** {@link INVISIBLE} but for tab and line feed, which YAML holds as themselves. */
const MUST_ESCAPE = /[^\P{C}\t\n]|[\p{Zl}\p{Zp}]/u;

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");

/** `\uXXXX`, or the surrogate pair's two escapes beyond U+FFFF (valid in JSON, JavaScript and YAML). */
function unicodeEscape(ch: string): string {
  let out = "";
  for (let i = 0; i < ch.length; i++) out += `\\u${hex4(ch.charCodeAt(i))}`;
  return out;
}

/**
 * A string literal for any text, valid in TypeScript and as YAML double-quoted text: JSON's escapes
 * (quotes, backslashes, control characters, lone surrogates), plus {@link INVISIBLE} characters as
 * `\uXXXX`. Other non-ASCII text (accents, CJK, emoji) stays readable as itself.
 */
export function jsonString(s: string): string {
  return JSON.stringify(s).replace(INVISIBLE, unicodeEscape);
}

/**
 * Text for one line of a `//` or `#` comment: line breaks and other {@link INVISIBLE} characters
 * become visible escapes, so account text can never end the comment and become code.
 */
export function commentText(s: string): string {
  return s.replace(/\r\n|\n/g, "\\n").replace(INVISIBLE, (ch) => (ch === "\t" ? ch : unicodeEscape(ch)));
}

/**
 * Pulumi YAML reads every string (object keys too) as a template: `${a.b}` is a reference and `$$` is
 * one `$`. Doubling every `$` writes the text itself, whatever follows each `$`.
 */
export function pulumiYamlText(s: string): string {
  return s.replace(/\$/g, "$$$$");
}

/**
 * Plain (unquoted) YAML text that go-yaml v3 or a YAML 1.1 reader would take for something else
 * than a string: numbers in every notation go-yaml accepts (`0o17`, `0b1`, `1_000`, `0x1p-2`, `.5`),
 * dates, booleans and nulls of YAML 1.1 and 1.2, the merge key, and an exponent alone (`E58`),
 * which the `yaml` library's YAML 1.1 schema reads as a number. The `yaml` library quotes by the
 * YAML 1.2 core schema, which reads several of these as strings.
 */
const NOT_A_STRING_WHEN_PLAIN = /^(?:[-+]?\.?[0-9].*|[-+]?[eE][-+]?[0-9]+|[-+]?\.(?:inf|nan)|~|null|true|false|yes|no|on|off|y|n|<<|=)$/is;

/**
 * Whether a YAML scalar must be double-quoted (with escapes) rather than left to the `yaml` library's
 * choice of style: text with characters YAML must escape or that libyaml reads as line breaks,
 * multi-line text holding tabs, carriage returns or spaces at the end of a line (a block scalar
 * would hold them as invisible trailing whitespace, which editors strip and the `yaml` library does
 * not always indent right), and text a reader could take for a number, date, boolean or null.
 */
export function needsDoubleQuotes(s: string): boolean {
  return MUST_ESCAPE.test(s) || (s.includes("\n") && /[\t\r]|[ ]\n|[ ]$/.test(s)) || NOT_A_STRING_WHEN_PLAIN.test(s);
}

/**
 * The `yaml` library's string tag, for the text {@link needsDoubleQuotes} picks: written as JSON
 * with {@link INVISIBLE} characters escaped (JSON is valid YAML double-quoted text), on one line.
 * The library's own double quoting leaves U+007F-U+009F, U+2028/U+2029 and format characters as
 * they are, which YAML does not allow. Being a tag's stringify, the library still sees the written
 * length, so a key past 1024 characters is written as an explicit `? ` key.
 */
const ESCAPED_STRING: ScalarTag = {
  tag: "tag:yaml.org,2002:str",
  default: true,
  identify: (v) => typeof v === "string" && needsDoubleQuotes(v),
  // Preferred over the library's own string tag when both identify a value; matches no plain text when parsing.
  test: /(?!)/,
  resolve: (s) => s,
  stringify: (item) => jsonString(String(item.value)),
};

/**
 * A YAML document for a value: the `yaml` library picks each scalar's style (plain, quoted, block),
 * except where {@link needsDoubleQuotes} says a Go reader would need double quotes. No anchors or
 * aliases, no folded lines.
 */
export function yamlDocument(value: unknown): string {
  return new Document(value, { aliasDuplicateObjects: false, customTags: [ESCAPED_STRING] }).toString({ lineWidth: 0 });
}
