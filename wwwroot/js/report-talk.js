// The talk view and the presenter view of a report: 16:9 slides scaled to the window, keyboard navigation,
// full screen, an overview grid, the slide number in the URL fragment (#/3), and a presenter window kept in
// step through a BroadcastChannel (both windows steer, both follow).
window.portalReports = window.portalReports || {};
(function (reports) {
  const width = 1280, height = 720;

  reports.initTalk = function (root, options) {
    if (!root || root.dataset.talk === "ready") return;
    root.dataset.talk = "ready";
    const presenter = !!options.presenter;
    const count = root.querySelector(".deck").querySelectorAll(":scope > .slide").length;
    const channel = "BroadcastChannel" in window ? new BroadcastChannel("portal-talk-" + options.key) : null;
    let index = 0;

    function fromHash() {
      const m = /^#\/(\d+)$/.exec(location.hash);
      return m ? Math.min(Math.max(parseInt(m[1], 10) - 1, 0), count - 1) : 0;
    }

    function fit() {
      for (const deck of root.querySelectorAll(".deck")) {
        const box = deck.parentElement.getBoundingClientRect();
        const scale = Math.min(box.width / width, box.height / height);
        deck.style.transform = "scale(" + scale + ")";
      }
    }

    function show(i, tell) {
      index = Math.min(Math.max(i, 0), count - 1);
      for (const deck of root.querySelectorAll(".deck")) {
        const offset = deck.dataset.offset ? parseInt(deck.dataset.offset, 10) : 0;
        deck.querySelectorAll(":scope > .slide").forEach((s, k) => s.classList.toggle("active", k === index + offset));
      }
      root.querySelectorAll(".notes > .slide-notes").forEach((n, k) => n.classList.toggle("active", k === index));
      root.dataset.slide = String(index + 1);
      const counter = root.querySelector(".slide-counter");
      if (counter) counter.textContent = (index + 1) + " / " + count;
      if (location.hash !== "#/" + (index + 1)) history.replaceState(null, "", "#/" + (index + 1));
      if (tell && channel) channel.postMessage({ slide: index });
      // Plotly charts on the slide that just appeared take their size from it.
      window.dispatchEvent(new Event("resize"));
    }

    function toggleOverview(on) {
      root.classList.toggle("overview", on === undefined ? !root.classList.contains("overview") : on);
      fit();
    }

    document.addEventListener("keydown", (e) => {
      if (e.target && /input|textarea|select/i.test(e.target.tagName)) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      switch (e.key) {
        case "ArrowRight": case "ArrowDown": case " ": case "PageDown": case "n": show(index + 1, true); break;
        case "ArrowLeft": case "ArrowUp": case "PageUp": case "p": case "Backspace": show(index - 1, true); break;
        case "Home": show(0, true); break;
        case "End": show(count - 1, true); break;
        case "f": if (document.fullscreenElement) document.exitFullscreen(); else root.requestFullscreen().catch(() => {}); break;
        case "o": toggleOverview(); break;
        case "Escape": toggleOverview(false); break;
        case "s": if (!presenter && options.presenterUrl) window.open(options.presenterUrl + "#/" + (index + 1), "portal-presenter-" + options.key, "width=1280,height=800"); break;
        default: return;
      }
      e.preventDefault();
    });
    root.addEventListener("click", (e) => {
      const slide = e.target.closest && e.target.closest(".overview .slide");
      if (!slide) return;
      show(parseInt(slide.dataset.index, 10), true);
      toggleOverview(false);
    });
    if (channel) channel.onmessage = (e) => { if (e.data && typeof e.data.slide === "number") show(e.data.slide, false); };
    window.addEventListener("hashchange", () => show(fromHash(), true));
    window.addEventListener("resize", fit);

    if (presenter) {
      const timer = root.querySelector(".timer");
      let started = Date.now();
      if (timer) {
        const tick = () => {
          const s = Math.floor((Date.now() - started) / 1000);
          timer.textContent = String(Math.floor(s / 60)).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
        };
        timer.addEventListener("click", () => { started = Date.now(); tick(); });
        // A presenter window behind the talk window gets its intervals throttled; a slide change brings the
        // clock up to date at once.
        setInterval(tick, 500);
        if (channel) channel.addEventListener("message", tick);
      }
    }
    fit();
    show(fromHash(), false);
  };
})(window.portalReports);
