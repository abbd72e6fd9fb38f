// The components table's header cells as the page lays them out, for the layout tests of the
// real app (desktop.test.mjs) and of the built UI in Chromium (ui/tests/browser.test.mjs).
// A header is cut when its text is wider than the room its cell gives it, measured with the
// cell's own font (a button's scrollWidth does not show clipped text). Runs in the page.

export const TABLE_HEADERS = `
  return [...document.querySelectorAll("#component-table .vhead > .vcell")]
    .filter((c) => getComputedStyle(c).display !== "none")
    .map((cell) => {
      // A sortable header's text is in its button, beside the column's resize handle.
      const c = cell.querySelector("button") ?? cell;
      const style = getComputedStyle(c);
      const probe = document.createElement("span");
      probe.style.font = style.font;
      probe.style.whiteSpace = "nowrap";
      probe.style.position = "absolute";
      probe.textContent = c.textContent;
      document.body.append(probe);
      const needed = probe.getBoundingClientRect().width;
      probe.remove();
      const room = c.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { text: c.textContent.trim(), cut: needed > room + 0.5 };
    });`;
