/** Numbers written as words in news text, for counts ("two days later") and figures ("forty soldiers"). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
};

const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const UNITS = 'one|two|three|four|five|six|seven|eight|nine';

/** A number in words, compounds first ("thirty-three" before "thirty"), for use inside a regex. */
export const NUMBER_WORD_PATTERN = `(?:${TENS})-(?:${UNITS})|${Object.keys(NUMBER_WORDS).join('|')}`;

/** The value of a number word or a hyphenated compound ("Thirty-three" -> 33); undefined if not one. */
export function numberWordValue(word: string): number | undefined {
  const parts = word.toLowerCase().split('-');
  if (parts.length === 2) {
    const tens = NUMBER_WORDS[parts[0] ?? ''];
    const units = NUMBER_WORDS[parts[1] ?? ''];
    return tens !== undefined && units !== undefined && tens >= 20 && units < 10 ? tens + units : undefined;
  }
  return NUMBER_WORDS[word.toLowerCase()];
}
