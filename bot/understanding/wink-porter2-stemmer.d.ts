declare module 'wink-porter2-stemmer' {
  /** Porter2 ("Snowball English") stemmer. */
  export default function stem(word: string): string;
}
