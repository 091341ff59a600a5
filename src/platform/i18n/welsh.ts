/**
 * Welsh grammar the translator cannot know from a template alone: a word inserted after "a" (and) or
 * "â" (with) decides between "a"/"ac" and "â"/"ag", and a glossary term may appear mutated.
 */

const VOWELS = 'aeiouyâêîôûŵŷáéíóúàèìòùäëïöü';

/**
 * Whether a word (a name, an organisation, a date or a number as written) begins with a vowel sound,
 * which takes "ac" and "ag" before it: "Ayla ac Ynyr", "rhwng 1 Ebrill ac 8 Mai". "W" before a
 * consonant is a vowel ("ac wrth"), before a vowel it is not ("a Wyn"); "h" is a consonant ("a Huw").
 * Numbers are read aloud: 1 (un), 11 (un ar ddeg), 8 (wyth) and 80–89 (wyth deg …) begin with a vowel.
 */
export function startsWithVowelSound(word: string): boolean {
  const text = word.trim();
  const number = /^\d+/.exec(text)?.[0];
  if (number !== undefined) {
    const n = Number(number);
    return n === 1 || n === 11 || n === 8 || (n >= 80 && n <= 89) || (n >= 8000 && n <= 8999) || (n >= 800 && n <= 899);
  }
  const first = text.charAt(0).toLowerCase();
  if (!first) return false;
  if (first === 'w') return !VOWELS.includes(text.charAt(1).toLowerCase()) && text.length > 1;
  return VOWELS.includes(first);
}

/**
 * The i18next context for a message that puts an inserted word after "a" or "â": "vowel" picks the
 * message's `_vowel` form ("{{first}} ac {{last}}"), otherwise the plain one. English messages have
 * the same two keys, both saying "and".
 */
export function conjunctionContext(nextWord: string | null | undefined): 'vowel' | undefined {
  return nextWord && startsWithVowelSound(nextWord) ? 'vowel' : undefined;
}

const SOFT: Record<string, string> = { p: 'b', t: 'd', c: 'g', b: 'f', d: 'dd', g: '', m: 'f', ll: 'l', rh: 'r' };
const NASAL: Record<string, string> = { p: 'mh', t: 'nh', c: 'ngh', b: 'm', d: 'n', g: 'ng' };
const ASPIRATE: Record<string, string> = { p: 'ph', t: 'th', c: 'ch' };

/**
 * A Welsh word as it may appear in a sentence: its radical form and its soft, nasal and aspirate
 * mutations ("dyrannu", "ddyrannu", "nyrannu"), and with "h" before a vowel ("ei hesbonio").
 */
export function mutations(word: string): string[] {
  const lower = word.toLowerCase();
  const forms = new Set([lower]);
  for (const table of [SOFT, NASAL, ASPIRATE]) {
    // Longest initial first, so "ll" is not read as "l".
    const initial = Object.keys(table)
      .sort((a, b) => b.length - a.length)
      .find((letters) => lower.startsWith(letters));
    if (initial !== undefined) forms.add(table[initial] + lower.slice(initial.length));
  }
  if (VOWELS.includes(lower.charAt(0))) forms.add(`h${lower}`);
  return [...forms];
}

/**
 * Dates on Welsh pages come from the runtime's locale data (ICU). A Node built with only English
 * ICU data would print "1 July 2026" on every Welsh page without an error, so the service refuses
 * to start on one, naming the fix.
 */
export function assertWelshLocaleData(
  formatMonth: (date: Date) => string = (date) => new Intl.DateTimeFormat('cy-GB', { month: 'long', timeZone: 'UTC' }).format(date),
): void {
  const july = formatMonth(new Date(Date.UTC(2026, 6, 1, 12)));
  if (july !== 'Gorffennaf') {
    throw new Error(
      `this Node.js has no Welsh locale data (July came out as "${july}", not "Gorffennaf"): use a Node.js build with full ICU (the official builds have it) or set NODE_ICU_DATA to full ICU data`,
    );
  }
}
