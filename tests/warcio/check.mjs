// Reads a WET file with warcio (Webrecorder) and checks every record's
// WARC-Block-Digest against the block. Prints "records=N conversions=M bad=K".
import fs from 'fs';
import { WARCParser } from 'warcio';
import crypto from 'crypto';
import base32Encode from 'base32-encode';
const path = process.argv[2];
const parser = new WARCParser(fs.createReadStream(path));
let records = 0, conversions = 0, bad = 0, types = {};
for await (const record of parser) {
  records++;
  const type = record.warcType;
  types[type] = (types[type] || 0) + 1;
  const block = await record.readFully(false);
  if (type === 'conversion') {
    conversions++;
    const want = record.warcHeader('WARC-Block-Digest');
    const sha = crypto.createHash('sha1').update(block).digest();
    const got = 'sha1:' + base32Encode(sha, 'RFC4648', { padding: false });
    if (want !== got) { bad++; if (bad < 5) console.error('bad digest', record.warcHeader('WARC-Target-URI'), want, got); }
  }
}
console.log(`records=${records} conversions=${conversions} bad=${bad} types=${JSON.stringify(types)}`);
