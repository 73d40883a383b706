// Typesets the math of reports with KaTeX in the browser: the server sends TeX as text in .math-tex elements
// (sanitized like the rest of the report); KaTeX runs with trust off (no \href, \url, \html… links or attributes).
window.portalReports = window.portalReports || {};
(function (reports) {
  let loading = null;

  function ensureKatex() {
    if (window.katex) return Promise.resolve();
    if (!loading) {
      loading = new Promise((resolve, reject) => {
        if (!document.querySelector("link[data-katex]")) {
          const link = document.createElement("link");
          link.rel = "stylesheet";
          link.href = "/lib/katex/katex.min.css";
          link.dataset.katex = "true";
          document.head.appendChild(link);
        }
        const script = document.createElement("script");
        script.src = "/lib/katex/katex.min.js";
        script.onload = () => resolve();
        script.onerror = () => { loading = null; reject(new Error("KaTeX could not be loaded")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  reports.renderMath = async function (root) {
    root = root || document.body;
    const items = root.querySelectorAll(".math-tex:not([data-typeset])");
    if (items.length === 0) return 0;
    await ensureKatex();
    for (const el of items) {
      const tex = el.textContent;
      try {
        window.katex.render(tex, el, {
          displayMode: el.dataset.display === "true", throwOnError: false, trust: false, strict: "ignore", maxSize: 20, maxExpand: 1000,
        });
      } catch (e) {
        el.textContent = tex;
        el.classList.add("math-error");
        el.title = String(e && e.message || e);
      }
      el.dataset.typeset = "true";
    }
    return items.length;
  };
})(window.portalReports);

// The editor's "Embed" button: inserts text at the caret of the source and tells Blazor, as typing would.
window.portalReports.insertAtCursor = function (textarea, text) {
  const start = textarea.selectionStart ?? textarea.value.length;
  const end = textarea.selectionEnd ?? start;
  textarea.value = textarea.value.slice(0, start) + text + textarea.value.slice(end);
  textarea.selectionStart = textarea.selectionEnd = start + text.length;
  textarea.focus();
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
  return textarea.value;
};
