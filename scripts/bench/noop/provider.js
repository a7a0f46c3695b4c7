"use strict";
// A dynamic provider of the same shape as pulumi-clarifai's (configure, check, diff, create, read,
// update, delete) that does nothing: the bench's baseline for serialized size and engine overhead.
const noopProvider = {
  configure: async () => {},
  check: async (_olds, news) => ({ inputs: news }),
  diff: async () => ({ changes: false }),
  create: async (inputs) => ({ id: String(inputs.nodepoolId || inputs.deploymentId || inputs.computeClusterId), outs: inputs }),
  read: async (id, props) => ({ id, props }),
  update: async (_id, _olds, news) => ({ outs: news }),
  delete: async () => {},
};
module.exports = { noopProvider };
