// PLACEHOLDER (owned by corpus management, issue 4): the popup's "Add this page to my corpus".
export function AddPageButton(_props: { tabId: number | undefined }) {
  return null;
}
