'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const N8N_VERSION = '2.35.6';
const REPO_ROOT = path.resolve(__dirname, '..');
const HOST_SRC = path.join(REPO_ROOT, 'test', 'e2e', 'host');
function hostDir() {
  if (process.env.N8N_HOST_DIR) return path.resolve(process.env.N8N_HOST_DIR);
  const lock = fs.readFileSync(path.join(HOST_SRC, 'package-lock.json'));
  const hash = crypto.createHash('sha256').update(lock).digest('hex').slice(0, 12);
  return path.join(os.homedir(), '.cache', 'n8n-nodes-whatsapp-interactive', `n8n-${N8N_VERSION}-${hash}`);
}
if (require.main === module && process.argv[2] === 'host-dir') console.log(hostDir());
