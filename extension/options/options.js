// chaff options page logic: fills the form from the stored settings, saves each change at once
// (open tabs apply it through settingsStore.onChange, no reload), and erases the cross-thread
// memory on a confirmed "Forget everything". The confirmation is an in-page step, not
// window.confirm(), which Firefox does not show in add-on pages embedded in about:addons.
import * as settingsStore from '../settings.js';
import { forget } from '../memory.js';
import { OPT_IN_SITES, switchSite } from '../site-access.js';
import { downloadText } from '../shared/download.js';

const form = {
  sensitivity: [...document.querySelectorAll('input[name="sensitivity"]')],
  sites: [...document.querySelectorAll('input[name="site"]')],
  display: [...document.querySelectorAll('input[name="display"]')],
  trusted: document.getElementById('trusted'),
  markers: document.getElementById('markers'),
  markersExport: document.getElementById('markers-export'),
  markersImport: document.getElementById('markers-import'),
  memory: document.getElementById('memory'),
  forget: document.getElementById('forget'),
  forgetConfirm: document.getElementById('forget-confirm'),
  forgetYes: document.getElementById('forget-yes'),
  forgetNo: document.getElementById('forget-no'),
  status: document.getElementById('status'),
};
// Typing a name saves once the typing pauses, not on every keystroke.
const TRUSTED_SAVE_DELAY_MS = 400;

function say(text) {
  form.status.textContent = text;
}

function fill(settings) {
  for (const input of form.sensitivity) input.checked = input.value === settings.sensitivity;
  for (const input of form.sites) input.checked = settings.sites[input.value];
  for (const input of form.display) input.checked = input.value === settings.display;
  // Never rewrite the list under the user's cursor.
  if (document.activeElement !== form.trusted) form.trusted.value = settings.trustedAuthors.join('\n');
  if (document.activeElement !== form.markers) form.markers.value = settings.markers.join('\n');
  form.memory.checked = settings.memory;
}

async function save(partial) {
  try {
    await settingsStore.save(partial);
    say('Saved.');
  } catch (error) {
    say(`Could not save: ${error.message}`);
  }
}

for (const input of form.sensitivity) input.addEventListener('change', () => save({ sensitivity: input.value }));
for (const input of form.display) input.addEventListener('change', () => save({ display: input.value }));
for (const input of form.sites) {
  input.addEventListener('change', () => {
    if (!(input.value in OPT_IN_SITES)) {
      save({ sites: { [input.value]: input.checked } });
      return;
    }
    // An opt-in site asks for its permission in this click (site-access.js switchSite).
    const wanted = input.checked;
    switchSite(input.value, wanted, settingsStore.save).then(
      (on) => {
        input.checked = on;
        say(on === wanted ? 'Saved.' : 'Not switched on: the browser did not grant access.');
      },
      (error) => say(`Could not switch: ${error.message}`),
    );
  });
}
form.memory.addEventListener('change', () => save({ memory: form.memory.checked }));

let trustedTimer = null;
const saveTrusted = () => {
  clearTimeout(trustedTimer);
  trustedTimer = null;
  save({ trustedAuthors: form.trusted.value.split('\n') });
};
form.trusted.addEventListener('input', () => {
  clearTimeout(trustedTimer);
  trustedTimer = setTimeout(saveTrusted, TRUSTED_SAVE_DELAY_MS);
});
form.trusted.addEventListener('blur', () => {
  if (trustedTimer !== null) saveTrusted();
});

// The reader's markers: saved once typing pauses, like trusted authors; exported and imported
// as a plain text file, one marker a line, through a local download and a local file pick.
let markersTimer = null;
const saveMarkers = () => {
  clearTimeout(markersTimer);
  markersTimer = null;
  save({ markers: form.markers.value.split('\n') });
};
form.markers.addEventListener('input', () => {
  clearTimeout(markersTimer);
  markersTimer = setTimeout(saveMarkers, TRUSTED_SAVE_DELAY_MS);
});
form.markers.addEventListener('blur', () => {
  if (markersTimer !== null) saveMarkers();
});
form.markersExport.addEventListener('click', async () => {
  const { markers } = await settingsStore.load();
  downloadText('chaff-markers.txt', 'text/plain', markers.map((marker) => `${marker}\n`).join(''));
});
form.markersImport.addEventListener('change', async () => {
  const [file] = form.markersImport.files;
  if (!file) return;
  await save({ markers: (await file.text()).split(/\r?\n/) });
  form.markersImport.value = '';
});

function showConfirm(visible) {
  form.forgetConfirm.hidden = !visible;
  form.forget.hidden = visible;
  (visible ? form.forgetNo : form.forget).focus();
}
form.forget.addEventListener('click', () => showConfirm(true));
form.forgetNo.addEventListener('click', () => showConfirm(false));
form.forgetYes.addEventListener('click', async () => {
  try {
    await forget();
    showConfirm(false);
    say('Forgotten.');
  } catch (error) {
    say(`Could not forget: ${error.message}`);
  }
});

settingsStore.onChange(fill);
settingsStore.load().then(fill, (error) => say(`Could not load the settings: ${error.message}`));
