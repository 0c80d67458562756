// Rule docs and cards are markdown files beside the code; the build inlines them as strings.
declare module '*.md' {
  const text: string;
  export default text;
}
