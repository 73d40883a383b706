// Small browser helpers called from Blazor through JS interop.
window.portal = {
  // Set once the Blazor circuit has rendered the layout: browser tests wait for it before clicking.
  markInteractive: () => { document.documentElement.dataset.interactive = "true"; },
  getTheme: () => { try { return localStorage.getItem("portal.theme"); } catch { return null; } },
  setTheme: (value) => { try { localStorage.setItem("portal.theme", value); } catch { } },
  // Browser notifications when one's runs finish: asked for once, remembered per browser.
  notificationsEnabled: () => {
    try { return "Notification" in window && Notification.permission === "granted" && localStorage.getItem("portal.notify") === "on"; } catch { return false; }
  },
  setNotifications: async (on) => {
    if (!("Notification" in window)) return "unsupported";
    if (on && Notification.permission !== "granted") await Notification.requestPermission();
    const enabled = on && Notification.permission === "granted";
    try { localStorage.setItem("portal.notify", enabled ? "on" : "off"); } catch { }
    return enabled ? "on" : (Notification.permission === "denied" ? "denied" : "off");
  },
  notify: (title, body, url) => {
    if (!window.portal.notificationsEnabled() || document.hasFocus()) return;
    const n = new Notification(title, { body, icon: "/favicon.svg", tag: url });
    n.onclick = () => { window.focus(); location.href = url; n.close(); };
  },
  // Saves text (a figure's SVG) as a file.
  downloadText: (text, filename, type) => window.portal.downloadBlob(new Blob([text], { type }), filename),
  downloadBlob: (blob, filename) => {
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
  },
  // Rasterises a figure's SVG at `scale` times its size (print quality) and saves it as PNG.
  downloadSvgAsPng: (svg, filename, scale) => new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = image.width * scale;
      canvas.height = image.height * scale;
      const context = canvas.getContext("2d");
      context.scale(scale, scale);
      context.drawImage(image, 0, 0);
      canvas.toBlob(blob => { window.portal.downloadBlob(blob, filename); resolve(true); }, "image/png");
    };
    image.onerror = () => reject(new Error("the figure's SVG could not be drawn"));
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
  }),
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
