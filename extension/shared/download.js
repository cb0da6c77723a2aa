// Saving a file the page built, as a local download (Blob + object URL + a[download]): nothing
// leaves the machine, in the extension's content script and in the playground alike.

/**
 * Offers `content` as a file named `fileName`. `parent` is where the temporary link goes:
 * Firefox clicks only links that are in a document, and the extension keeps its link inside its
 * own shadow root, out of the page's sight.
 */
export function downloadText(fileName, mimeType, content, parent = document.body) {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  parent.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: Firefox may still be reading the Blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
