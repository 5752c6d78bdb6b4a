// n8n loads this package through the `n8n` section of package.json, not through this file.
// It exists so that `require('n8n-nodes-whatsapp-interactive')` resolves for tooling.
module.exports = {};
