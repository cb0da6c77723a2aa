// The example thread behind "Load an example": written for this page (no third-party text), in
// the `chaff score` JSON Lines format so it also shows visitors that format. It holds a small
// campaign (one promotional comment from four accounts within minutes, disguised with a
// Cyrillic letter, a zero-width space and a random suffix), everyday repeats that are not a
// campaign ("thanks!"), an answer written in the register language models overuse, and
// ordinary replies. The disguises are written as escapes (\u0435 is Cyrillic, \u200b zero-width)
// so a reader of this file sees them.

const EXAMPLE_POSTS = [
  { id: "t1_k01", author: "mapleleaf_dan", created: "2025-03-02T14:01:10Z",
    text: "I've been tracking every expense in a plain spreadsheet for two years. Boring, but it's the only thing that ever stuck for me." },
  { id: "t1_k02", author: "rosa_writes", created: "2025-03-02T14:03:45Z",
    text: "Same here. The trick for me was rounding everything to the nearest dollar so I actually bother entering it." },
  { id: "t1_k03", author: "quickgainz_77", created: "2025-03-02T14:05:02Z",
    text: "Honestly this app changed my life, I paid off $4,000 of debt in three months. Search CoinPilot on the app store and use code SAVE50 🚀" },
  { id: "t1_k04", author: "lena_k_92", created: "2025-03-02T14:06:40Z",
    text: "Honestly this app changed my life, I paid off $4,000 of debt in three months. Search CoinPilot on the app store and use code SAVE50 🚀 x7Kq2" },
  { id: "t1_k05", author: "bruno_sav", created: "2025-03-02T14:07:13Z",
    text: "Honestly this app changed my lif\u0435, I paid off $4,000 of debt in three months. Search CoinPilot on the app store and use code SAVE50 🚀" },
  { id: "t1_k06", author: "thrifty_ann", created: "2025-03-02T14:09:55Z",
    text: "thanks!" },
  { id: "t1_k07", author: "okafor_j", created: "2025-03-02T14:11:31Z",
    text: "Honestly this app changed my\u200b life, I paid off $4,000 of debt in three months. Search CoinPilot on the app store and use code SAVE50 🚀🚀" },
  { id: "t1_k08", author: "pim_vd", created: "2025-03-02T14:15:20Z",
    text: "Great question! When it comes to budgeting, it's important to note that consistency is key. By leveraging a structured approach, you can delve into your spending patterns and foster a healthier relationship with money. Ultimately, the best budget is the one you can stick to." },
  { id: "t1_k09", author: "mapleleaf_dan", created: "2025-03-02T14:18:02Z",
    text: "@rosa_writes rounding is a great idea, stealing that." },
  { id: "t1_k10", author: "thrifty_ann", created: "2025-03-02T14:20:47Z",
    text: "thanks!" },
  { id: "t1_k11", author: "gustavo_r", created: "2025-03-02T14:24:09Z",
    text: "My bank's app already categorizes everything, I just check it every Sunday with coffee. Took a few months before the categories were right though." },
  { id: "t1_k12", author: "hannah_okay", created: "2025-03-02T14:31:30Z",
    text: "Reminder that envelope budgeting works fine with actual envelopes. My grandmother did it for forty years." },
];

export const EXAMPLE_THREAD = EXAMPLE_POSTS.map((post) => JSON.stringify(post)).join('\n') + '\n';
