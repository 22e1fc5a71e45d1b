export default defineBackground(() => {
  // The analysis service is wired in by the extension work (issue 3).
});
