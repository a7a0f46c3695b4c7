// The narrowing of values the program cannot know (provider/model/unknowns.ts): what each guard lets
// through is what the code past it reads.
import { allDefined, isKeyOf, isRecord, keysOf, messageOf } from "../../provider/model/unknowns";

describe("unknowns", () => {
  it("isRecord: plain objects only, not null or lists", () => {
    expect([{}, { a: 1 }, Object.create(null)].map(isRecord)).toEqual([true, true, true]);
    expect([null, undefined, [], "x", 1, true].map(isRecord)).toEqual([false, false, false, false, false, false]);
  });

  it("keysOf and isKeyOf: own keys only, not the prototype's", () => {
    const table = { spot: 2, onDemand: 1 };
    expect(keysOf(table)).toEqual(["spot", "onDemand"]);
    expect(isKeyOf(table, "spot")).toBe(true);
    expect(isKeyOf(table, "toString")).toBe(false);
    expect(isKeyOf(table, "constructor")).toBe(false);
  });

  it("allDefined: the list when nothing is missing, else undefined", () => {
    expect(allDefined([1, 0, 2])).toEqual([1, 0, 2]);
    expect(allDefined([1, undefined])).toBeUndefined();
    expect(allDefined([])).toEqual([]);
  });

  it("messageOf: an Error's message, anything else as text", () => {
    expect(messageOf(new Error("boom"))).toBe("boom");
    expect(messageOf("plain")).toBe("plain");
    expect(messageOf(42)).toBe("42");
  });
});
