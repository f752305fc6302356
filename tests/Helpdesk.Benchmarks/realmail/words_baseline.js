// Public reply parsers on the texts words_baseline.py gives (stdin: JSON list of strings; stdout: JSON
// {name: [visible texts]}). email-reply-parser 2.3.9 (a port of willdurand/EmailReplyParser, multi-language
// quote-header patterns) and planer 1.2.0 (Crisp's port of Mailgun's talon, plain-text path). Install them
// outside the repo: npm install --prefix /tmp/words-baseline email-reply-parser@2.3.9 planer@1.2.0
const fs = require('fs');
const texts = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = {};
try {
  const Erp = require('email-reply-parser').default;
  const erp = new Erp();
  out['email-reply-parser 2.3.9'] = texts.map(t => { try { return erp.read(t).getVisibleText(); } catch (e) { return t; } });
} catch (e) { process.stderr.write('email-reply-parser not found: ' + e.message + '\n'); }
try {
  const planer = require('planer');
  out['planer 1.2.0 (talon)'] = texts.map(t => { try { return planer.extractFrom(t, 'text/plain'); } catch (e) { return t; } });
} catch (e) { process.stderr.write('planer not found: ' + e.message + '\n'); }
process.stdout.write(JSON.stringify(out));
