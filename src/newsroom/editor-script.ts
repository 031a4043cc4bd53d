/**
 * The article editor's script, progressive: the page works without it (Save, Apply fix,
 * Publish are plain forms). With it: the working copy is autosaved every few seconds (only
 * the working copy: readers see nothing of it), who else has the article open is shown by
 * heartbeat, a suggested fix is applied in place, and a workflow button saves first. A
 * stale autosave stops and says so: Save then shows both versions side by side. Kept as a
 * string like the reader's script; served same-origin under a content-hashed name (CSP).
 */
export const EDITOR_JS = `(() => {
  const form = document.getElementById("editor");
  if (!form) return;
  const status = document.getElementById("autosave-status");
  const presence = document.getElementById("presence");
  const csrf = (form.querySelector("input[name=_csrf]") || {}).value || "";
  const autosaveUrl = form.dataset.autosave;
  const presenceUrl = form.dataset.presence;
  const every = Number(form.dataset.every || "4000");
  let dirty = false;
  let stopped = false;
  let saving = null;
  const say = (text) => { if (status) status.textContent = text; };
  const versions = () => document.querySelectorAll("input[name=version]");
  const setVersion = (v) => { for (const el of versions()) el.value = String(v); };
  const fields = () => {
    const out = {};
    for (const [k, v] of new FormData(form)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
    return out;
  };
  const post = (url, body) => fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", "x-csrf-token": csrf, accept: "application/json" },
    body: JSON.stringify(body),
  });
  form.addEventListener("input", () => { dirty = true; });
  function autosave() {
    if (stopped || !dirty || !autosaveUrl) return Promise.resolve(true);
    if (saving) return saving;
    dirty = false;
    say("Saving…");
    saving = post(autosaveUrl, fields()).then(async (res) => {
      const data = await res.json().catch(() => ({}));
      if (res.ok) {
        setVersion(data.version);
        say("Draft autosaved at " + new Date().toLocaleTimeString() + " (readers see nothing until it is published)");
        return true;
      }
      dirty = true;
      if (res.status === 409) {
        stopped = true;
        const who = data.theirs && data.theirs.updatedByName ? " by " + data.theirs.updatedByName : "";
        say("Someone saved a newer version" + who + ". Autosave has stopped; press Save to see both versions side by side. Nothing is lost.");
        if (status) status.classList.add("nr-error");
        return false;
      }
      say((data.error && data.error.message) || "Could not autosave.");
      return false;
    }, () => { dirty = true; say("Offline: not autosaved yet."); return false; })
      .finally(() => { saving = null; });
    return saving;
  }
  setInterval(autosave, every);
  function beat() {
    if (!presenceUrl || document.hidden) return;
    post(presenceUrl, {}).then((res) => res.ok ? res.json() : null).then((data) => {
      if (!data || !presence) return;
      const names = (data.present || []).map((p) => p.name);
      presence.textContent = names.length ? "Also open by: " + names.join(", ") : "Nobody else has this article open.";
    }, () => {});
  }
  beat();
  setInterval(beat, 15000);
  // A fix applies to the saved working copy: save first, then swap in the new text and findings.
  document.addEventListener("submit", async (event) => {
    const target = event.target;
    if (!(target instanceof HTMLFormElement)) return;
    if (target.classList.contains("fix-form")) {
      event.preventDefault();
      if (!(await autosave())) return;
      const res = await fetch(target.action, { method: "POST", credentials: "same-origin", body: new URLSearchParams(new FormData(target)), headers: { "x-csrf-token": csrf } });
      if (!res.ok) { say("The fix could not be applied: reload the page."); return; }
      const html = new DOMParser().parseFromString(await res.text(), "text/html");
      const body = html.querySelector("#editor textarea[name=body]");
      const mine = form.querySelector("textarea[name=body]");
      if (body && mine) mine.value = body.value;
      const v = html.querySelector("#editor input[name=version]");
      if (v) setVersion(v.value);
      const fresh = html.getElementById("findings");
      const old = document.getElementById("findings");
      if (fresh && old) old.replaceWith(fresh);
      say("Fix applied and saved.");
      const heading = document.getElementById("findings-heading");
      if (heading) heading.focus();
      return;
    }
    if (target.dataset.saveFirst !== undefined && dirty) {
      event.preventDefault();
      if (await autosave()) target.submit();
    }
  });
})();
`;
