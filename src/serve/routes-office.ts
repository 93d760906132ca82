import type { Hono } from "hono";
import type { Server, Vars } from "./context.js";

export function registerOffice(_app: Hono<{ Variables: Vars }>, _server: Server): void {}
