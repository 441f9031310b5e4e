// opencc-js ships its dictionaries as plain strings ("繁 简|繁 简|…") without type declarations.
declare module 'opencc-js/dict/TSCharacters' {
  const dict: string;
  export default dict;
}
