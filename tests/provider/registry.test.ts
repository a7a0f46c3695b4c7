// The typed registry covers exactly the kinds schema.json declares, each with its definition and a
// provider offering every method the engine calls.
import { definitions, kinds, providers } from "../../provider/resources/registry";
import { schema } from "../../provider/model/schema";

it("has one definition and one provider per schema.json resource, and nothing else", () => {
  expect(kinds.map((k) => `clarifai:index:${k}`).sort()).toEqual(Object.keys(schema().resources).sort());
  for (const k of kinds) {
    expect(definitions[k].kind).toBe(k);
    for (const m of ["check", "diff", "create", "read", "update", "delete"] as const) expect(typeof providers[k][m]).toBe("function");
  }
});
