import * as pulumi from "@pulumi/pulumi";

// Counts calls in a file named by config, so the test can see which provider methods the engine ran.
const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    require("fs").appendFileSync(inputs.log, "create\n");
    return { id: `echo-${inputs.value}`, outs: inputs };
  },
  async diff(_id, olds, news) {
    return { changes: olds.value !== news.value };
  },
  async update(_id, _olds, news) {
    require("fs").appendFileSync(news.log, "update\n");
    return { outs: news };
  },
  async delete(_id, props) {
    require("fs").appendFileSync(props.log, "delete\n");
  },
};

class Echo extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;
  constructor(name: string, args: { value: pulumi.Input<string>; log: string }, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, args, opts, "smoke", "Echo");
  }
}

const config = new pulumi.Config();
const echo = new Echo("echo", { value: config.require("value"), log: config.require("log") });
export const value = echo.value;
export const id = echo.id;
