// chaff's lint gate (make lint, run by make test): no HTML string ever reaches a page, an
// extension page or the playground. chaff shows post text and its own words with textContent and
// DOM building only; a post is text written by strangers, and one HTML sink fed a post's text is
// a script injection into Reddit or X under chaff's name.
//
// Two layers: eslint-plugin-no-unsanitized (Mozilla's, what AMO reviewers look for) flags HTML
// sinks fed anything but a literal, and the restricted properties below forbid the sinks outright,
// literals included, so no "harmless" use sits there for a later edit to turn into a hole.
// www/app.js's preview iframe `srcdoc` is the one HTML sink chaff uses on purpose: the
// playground's annotate_inert output, in a frame sandboxed without scripts under a CSP that
// forbids them (www/README.md); it is not in these lists.
import noUnsanitized from 'eslint-plugin-no-unsanitized';

const SINK = 'is an HTML sink: build the DOM with createElement/textContent instead (eslint.config.js).';

export default [
  {
    ignores: ['extension/pkg/**', 'www/pkg/**', 'www/shared/**'],
  },
  {
    files: ['extension/**/*.js', 'www/**/*.js'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { 'no-unsanitized': noUnsanitized },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: `innerHTML ${SINK}` },
        { property: 'outerHTML', message: `outerHTML ${SINK}` },
        { property: 'insertAdjacentHTML', message: `insertAdjacentHTML ${SINK}` },
        { property: 'setHTMLUnsafe', message: `setHTMLUnsafe ${SINK}` },
        { property: 'createContextualFragment', message: `createContextualFragment ${SINK}` },
        { object: 'document', property: 'write', message: `document.write ${SINK}` },
        { object: 'document', property: 'writeln', message: `document.writeln ${SINK}` },
      ],
      'no-restricted-syntax': [
        'error',
        // el['inner' + 'HTML'] and the like, which no-restricted-properties cannot see.
        {
          selector: "MemberExpression[computed=true] > Literal.property[value=/^(innerHTML|outerHTML|insertAdjacentHTML|write|writeln)$/]",
          message: `A computed HTML sink ${SINK}`,
        },
        {
          selector: "MemberExpression[computed=true] > TemplateLiteral.property",
          message: 'Computed property names built from templates hide what is written; name the property.',
        },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
];
