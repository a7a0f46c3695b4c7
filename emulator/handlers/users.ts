/**
 * GetUser, for the account itself only: Clarifai's CLI calls it (`users/me`) to verify a PAT when it
 * creates a context (`clarifai login`, `clarifai config create-context`). Profiles are not modelled:
 * the user is its id.
 */
import { owner, type Handler } from "./context";

const GetUser: Handler = (req, ctx) => ({ user: { id: owner(req, ctx) } });

export const handlers: Record<string, Handler> = { GetUser };
