// Small browser helpers called from Blazor through JS interop.
window.portal = {
  // Set once the Blazor circuit has rendered the layout: browser tests wait for it before clicking.
  markInteractive: () => { document.documentElement.dataset.interactive = "true"; },
  getTheme: () => { try { return localStorage.getItem("portal.theme"); } catch { return null; } },
  setTheme: (value) => { try { localStorage.setItem("portal.theme", value); } catch { } },
  copy: async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Clipboard API unavailable (insecure context): fall back to a hidden text area.
      const area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      const ok = document.execCommand("copy");
      area.remove();
      return ok;
    }
  },
};
