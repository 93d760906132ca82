/**
 * The YAML language server (the one VS Code's YAML extension runs), started over stdio and spoken
 * to in LSP, configured the way the extension configures it from .vscode/settings.json.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
}
export interface CompletionItem {
  label: string;
  insertText?: string;
  textEdit?: { newText: string };
  documentation?: string | { value: string };
  detail?: string;
  filterText?: string;
}

const SERVER = join(createRequire(import.meta.url).resolve("yaml-language-server/package.json"), "..", "bin", "yaml-language-server");

export class YamlLanguageServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly conn: MessageConnection,
    private readonly root: string,
    private readonly diagnostics: Map<string, (d: Diagnostic[]) => void>,
  ) {}

  /** Starts the server on `root`, with `yaml.*` settings read from root/.vscode/settings.json. */
  static async start(root: string): Promise<YamlLanguageServer> {
    const child = spawn(process.execPath, [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const diagnostics = new Map<string, (d: Diagnostic[]) => void>();
    const vscode = JSON.parse(readFileSync(join(root, ".vscode/settings.json"), "utf8")) as Record<string, unknown>;
    const yaml = {
      schemas: vscode["yaml.schemas"],
      schemaStore: { enable: vscode["yaml.schemaStore.enable"] ?? true },
      validate: true,
      completion: true,
      hover: true,
    };
    conn.onRequest("workspace/configuration", (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === "yaml" ? yaml : i.section?.startsWith("yaml.") ? undefined : {})));
    conn.onNotification("textDocument/publishDiagnostics", (p: { uri: string; diagnostics: Diagnostic[] }) => diagnostics.get(p.uri)?.(p.diagnostics));
    conn.onRequest("client/registerCapability", () => null);
    conn.onRequest("window/workDoneProgress/create", () => null);
    conn.listen();
    const rootUri = pathToFileURL(root).href;
    await conn.sendRequest("initialize", {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "school" }],
      capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] } } } },
    });
    await conn.sendNotification("initialized", {});
    await conn.sendNotification("workspace/didChangeConfiguration", { settings: { yaml } });
    return new YamlLanguageServer(child, conn, root, diagnostics);
  }

  uri(path: string): string {
    return pathToFileURL(join(this.root, path)).href;
  }

  /** Opens `path` with `text` and resolves with the first diagnostics published for it. */
  open(path: string, text: string, version = 1): Promise<Diagnostic[]> {
    const uri = this.uri(path);
    const got = new Promise<Diagnostic[]>((resolve) => this.diagnostics.set(uri, resolve));
    void this.conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version, text } });
    return got;
  }

  async complete(path: string, line: number, character: number): Promise<CompletionItem[]> {
    const r = (await this.conn.sendRequest("textDocument/completion", { textDocument: { uri: this.uri(path) }, position: { line, character } })) as { items: CompletionItem[] } | CompletionItem[];
    return Array.isArray(r) ? r : r.items;
  }

  async hover(path: string, line: number, character: number): Promise<string> {
    const r = (await this.conn.sendRequest("textDocument/hover", { textDocument: { uri: this.uri(path) }, position: { line, character } })) as { contents: { value: string } | string } | null;
    return !r ? "" : typeof r.contents === "string" ? r.contents : r.contents.value;
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.child.once("exit", r));
    try {
      await Promise.race([this.conn.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification("exit");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    } finally {
      this.conn.dispose();
      this.child.kill();
    }
  }
}
