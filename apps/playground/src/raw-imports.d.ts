// `import text from './file?raw'`: Vite inlines the file's text (jest: test/raw-text-transform.cjs).
declare module '*?raw' {
  const text: string;
  export default text;
}
