/**
 * Messages of reading one file: its encoding, YAML syntax (one message per error code of the
 * yaml library, its English text kept only as a fallback), and what an input method types
 * where YAML wants ASCII (src/repo/typing-*.ts, tab-indent.ts).
 */
import { defineMessages } from "./catalogue.js";

const cp = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
/** A character by name: 「，」 U+FF0C, 全角空格 U+3000 / '，' (U+FF0C), the full-width space U+3000. */
const charZh = (c: string) => (c === "\u3000" ? `全角空格 ${cp(c)}` : `「${c}」 ${cp(c)}`);
const charEn = (c: string) => (c === "\u3000" ? `the full-width space ${cp(c)}` : `'${c}' (${cp(c)})`);

const syntaxZh = (what: string) => `YAML 语法错误:${what}`;
const syntaxEn = (what: string) => `YAML syntax error: ${what}`;

export const yamlMessages = defineMessages({
  // Encoding (src/repo/yaml-source.ts decodeUtf8)
  "encoding.utf16": {
    example: {},
    zh: () => "文件是 UTF-16 编码,不是 UTF-8",
    en: () => "the file is UTF-16 encoded, not UTF-8",
  },
  "encoding.hint-utf16": {
    example: {},
    zh: () => "用编辑器以 UTF-8 编码另存(记事本:另存为 → 编码选 UTF-8)",
    en: () => "save it as UTF-8 in your editor (Notepad: Save As → Encoding: UTF-8)",
  },
  "encoding.binary": {
    example: {},
    zh: () => "这不是文本文件(含有 NUL 字节)",
    en: () => "this is not a text file (it contains NUL bytes)",
  },
  "encoding.hint-binary": {
    example: {},
    zh: () => "记录文件应为 UTF-8 编码的 YAML 文本",
    en: () => "record files must be UTF-8 YAML text",
  },
  encoding: {
    example: {},
    zh: () => "文件不是 UTF-8 编码",
    en: () => "the file is not UTF-8 encoded",
  },
  "encoding.hint": {
    example: {},
    zh: () => "用编辑器以 UTF-8 编码另存(GBK/GB2312 文件需要转换)",
    en: () => "save it as UTF-8 in your editor (convert GBK/GB2312 files)",
  },
  "empty-file": {
    example: {},
    zh: () => "文件是空的(或只有注释)",
    en: () => "the file is empty (or holds only comments)",
  },
  "empty-file.hint": {
    example: {},
    zh: () => "写入内容,或删除这个文件",
    en: () => "add its content, or delete the file",
  },

  // Parsing (src/repo/yaml-source.ts parseYaml)
  "yaml-syntax.too-deep": {
    example: {},
    zh: () => "YAML 嵌套过深,无法解析",
    en: () => "the YAML is nested too deeply to parse",
  },
  "yaml-syntax.hint-too-deep": {
    example: {},
    zh: () => "研修记录、名册和规则文件都只需要几层缩进",
    en: () => "records, rosters and rule files need only a few levels of indentation",
  },
  "yaml-version": {
    example: { version: "1.1" },
    zh: (d) => `只支持 YAML 1.2,这里写的是 %YAML ${d.version}`,
    en: (d) => `only YAML 1.2 is read, and this says %YAML ${d.version}`,
  },
  "yaml-version.hint": {
    example: {},
    zh: () => "删除这一行(以及其后的 ---):YAML 1.1 会把 1:30 读成 90、把 010 读成 8",
    en: () => "delete this line (and the --- after it): YAML 1.1 reads 1:30 as 90 and 010 as 8",
  },
  "yaml-syntax.more": {
    example: { count: 35 },
    zh: (d) => `此后还有 ${d.count} 处 YAML 语法错误`,
    en: (d) => `${d.count} more YAML syntax errors from here on`,
  },
  "yaml-syntax.hint-more": {
    example: {},
    zh: () => "先改正前面的错误再检查;后面的往往是前面引起的",
    en: () => "fix the first ones and check again: the later ones often follow from them",
  },
  "yaml-syntax.warning": {
    example: { text: "Unknown directive %FOO" },
    zh: (d) => `YAML 警告:${d.text}`,
    en: (d) => `YAML warning: ${d.text}`,
  },
  "yaml-syntax.unreadable": {
    example: { text: "Excessive alias count" },
    zh: (d) => `无法读取 YAML:${d.text}`,
    en: (d) => `cannot read the YAML: ${d.text}`,
  },
  "yaml-tag": {
    example: { tag: "!!python/object:os.system" },
    zh: (d) => `不允许使用 YAML 标签 ${d.tag}`,
    en: (d) => `YAML tags are not allowed: ${d.tag}`,
  },
  "yaml-tag.hint": {
    example: {},
    zh: () => "删除标签,只写普通的值",
    en: () => "remove the tag and write a plain value",
  },
  "yaml-alias.unresolved": {
    example: { name: "r" },
    zh: (d) => `别名 *${d.name} 找不到对应的锚点 &${d.name}`,
    en: (d) => `the alias *${d.name} has no anchor &${d.name} before it`,
  },
  "yaml-alias.hint-unresolved": {
    example: {},
    zh: () => "直接写出值,不要用别名(*)",
    en: () => "write the value out instead of using an alias (*)",
  },
  "yaml-alias": {
    example: {},
    zh: () => "YAML 别名展开过多(可能是别名炸弹)",
    en: () => "too many YAML alias expansions (a possible alias bomb)",
  },
  "yaml-alias.hint": {
    example: {},
    zh: () => "不要用锚点(&)和别名(*)重复内容,直接写出每条记录",
    en: () => "write each record out instead of repeating content with anchors (&) and aliases (*)",
  },

  // The yaml library's errors, by code (src/repo/yaml-errors.ts)
  "yaml-syntax.unclosed": {
    example: { opener: '"' },
    zh: (d) => syntaxZh(`这里的 ${d.opener} 没有闭合`),
    en: (d) => syntaxEn(`this ${d.opener} is never closed`),
  },
  "yaml-syntax.hint-unclosed": {
    example: { closer: '"' },
    zh: (d) => `在值的末尾补上 ${d.closer}`,
    en: (d) => `add the closing ${d.closer} at the end of the value`,
  },
  "yaml-syntax.duplicate-key": {
    example: {},
    zh: () => syntaxZh("同一层里有重复的键"),
    en: () => syntaxEn("the same key appears twice at one level"),
  },
  "yaml-syntax.tab-as-indent": {
    example: {},
    zh: () => syntaxZh("用了制表符(Tab)缩进"),
    en: () => syntaxEn("a tab is used for indentation"),
  },
  "yaml-syntax.bad-indent": {
    example: {},
    zh: () => syntaxZh("缩进不对"),
    en: () => syntaxEn("wrong indentation"),
  },
  "yaml-syntax.seq-items-column": {
    example: {},
    zh: () => syntaxZh("缩进不对:列表的各项(-)要从同一列开始"),
    en: () => syntaxEn("wrong indentation: all items of a list (-) must start at the same column"),
  },
  "yaml-syntax.map-items-column": {
    example: {},
    zh: () => syntaxZh("缩进不对:同一层的键要从同一列开始"),
    en: () => syntaxEn("wrong indentation: the keys of one level must start at the same column"),
  },
  "yaml-syntax.missing-char": {
    example: {},
    zh: () => syntaxZh("缺少字符(如引号或括号没有闭合)"),
    en: () => syntaxEn("a character is missing (an unclosed quote or bracket, say)"),
  },
  "yaml-syntax.missing-comma": {
    example: {},
    zh: () => syntaxZh("方括号或花括号里的各项之间缺少逗号"),
    en: () => syntaxEn("a comma is missing between the items in brackets"),
  },
  "yaml-syntax.key-without-value": {
    example: {},
    zh: () => syntaxZh("键后面缺少冒号和值"),
    en: () => syntaxEn("a key without ': ' and a value after it"),
  },
  "yaml-syntax.multiline-implicit-key": {
    example: {},
    zh: () => syntaxZh("键不能跨行(可能是缺少冒号或缩进不对)"),
    en: () => syntaxEn("a key cannot run over two lines (a colon missing, or wrong indentation)"),
  },
  "yaml-syntax.unexpected-token": {
    example: { token: "]" },
    zh: (d) => syntaxZh(`出现了不该出现的符号 "${d.token}"`),
    en: (d) => syntaxEn(`unexpected "${d.token}"`),
  },
  "yaml-syntax.unexpected": {
    example: {},
    zh: () => syntaxZh("出现了不该出现的符号"),
    en: () => syntaxEn("a character where none belongs"),
  },
  "yaml-syntax.block-as-implicit-key": {
    example: {},
    zh: () => syntaxZh("缩进不对,块内容被当成了键"),
    en: () => syntaxEn("wrong indentation: the lines below are read as part of a key"),
  },
  "yaml-syntax.multiple-docs": {
    example: {},
    zh: () => syntaxZh("文件里有多个 YAML 文档(---)"),
    en: () => syntaxEn("the file holds more than one YAML document (---)"),
  },
  "yaml-syntax.bad-scalar-start": {
    example: {},
    zh: () => syntaxZh("值的开头字符不合法(可用引号括起来)"),
    en: () => syntaxEn("a value cannot start with this character unless quoted"),
  },
  "yaml-syntax.block-in-flow": {
    example: {},
    zh: () => syntaxZh("方括号或花括号里不能再分行写列表或键值"),
    en: () => syntaxEn("a list or keys written over indented lines cannot stand inside brackets"),
  },
  "yaml-syntax.bad-dq-escape": {
    example: {},
    zh: () => syntaxZh("双引号里的反斜杠 \\ 后面不是合法的转义"),
    en: () => syntaxEn("a backslash \\ inside double quotes starts no valid escape"),
  },
  "yaml-syntax.bad-alias": {
    example: {},
    zh: () => syntaxZh("锚点(&)或别名(*)的名字写得不对"),
    en: () => syntaxEn("the name of an anchor (&) or alias (*) is malformed"),
  },
  "yaml-syntax.alias-props": {
    example: {},
    zh: () => syntaxZh("别名(*)前不能再加标签或锚点"),
    en: () => syntaxEn("an alias (*) cannot carry a tag or an anchor"),
  },
  "yaml-syntax.bad-directive": {
    example: {},
    zh: () => syntaxZh("无法识别的 % 指令"),
    en: () => syntaxEn("an unknown % directive"),
  },
  "yaml-syntax.bad-prop-order": {
    example: {},
    zh: () => syntaxZh("锚点(&)或标签(!)的位置不对"),
    en: () => syntaxEn("an anchor (&) or tag (!) in the wrong place"),
  },
  "yaml-syntax.key-too-long": {
    example: {},
    zh: () => syntaxZh("键太长(超过 1024 个字符)"),
    en: () => syntaxEn("a key longer than 1024 characters"),
  },
  "yaml-syntax.multiple-anchors": {
    example: {},
    zh: () => syntaxZh("一个值只能有一个锚点(&)"),
    en: () => syntaxEn("a value can have one anchor (&) only"),
  },
  "yaml-syntax.multiple-tags": {
    example: {},
    zh: () => syntaxZh("一个值只能有一个标签(!)"),
    en: () => syntaxEn("a value can have one tag (!) only"),
  },
  "yaml-syntax.non-string-key": {
    example: {},
    zh: () => syntaxZh("键要写成普通文字,不能是列表或键值"),
    en: () => syntaxEn("a key must be plain text, not a list or a map"),
  },
  "yaml-syntax.bad-collection-type": {
    example: {},
    zh: () => syntaxZh("标签与内容的类型不符"),
    en: () => syntaxEn("a tag does not fit the type of its content"),
  },
  "yaml-syntax.structure": {
    example: {},
    zh: () => syntaxZh("这里的结构无法解析"),
    en: () => syntaxEn("the structure here cannot be read"),
  },
  "yaml-syntax.raw": {
    example: { text: "Unexpected flow-seq-end token" },
    zh: (d) => syntaxZh(d.text),
    en: (d) => syntaxEn(d.text),
  },
  "yaml-syntax.hint-duplicate-key": {
    example: {},
    zh: () => "删除或合并重复的键",
    en: () => "remove or merge the repeated key",
  },
  "yaml-syntax.hint-tab": {
    example: {},
    zh: () => "YAML 只能用空格缩进:把 Tab 换成空格,与上一行同级的键对齐",
    en: () => "YAML indents with spaces only: replace the tab with spaces, lining the key up with its siblings on the line above",
  },
  "yaml-syntax.hint-indent": {
    example: {},
    zh: () => "检查这一行与上一行的缩进是否对齐,键后是否有冒号和空格",
    en: () => "check this line's indentation against the line above, and that each key has ': ' after it",
  },
  "yaml-syntax.hint-missing": {
    example: {},
    zh: () => "补上缺少的引号或括号",
    en: () => "add the missing quote or bracket",
  },
  "yaml-syntax.hint-comma": {
    example: {},
    zh: () => "在各项之间写上半角逗号「,」",
    en: () => "put an ASCII comma ',' between the items",
  },
  "yaml-syntax.hint-scalar-start": {
    example: {},
    zh: () => "以 @ ` % 等开头的值要加引号",
    en: () => "quote values that start with @, ` or %",
  },
  "yaml-syntax.hint-unexpected": {
    example: {},
    zh: () => "删除这个符号,或把整个值用引号括起来",
    en: () => "delete the character, or put the whole value in quotes",
  },
  "yaml-syntax.hint-multiple-docs": {
    example: {},
    zh: () => "一个文件只写一份内容:删除 --- 及其后的部分,或拆成两个文件",
    en: () => "keep one document per file: delete the --- and what follows, or split the file",
  },
  "yaml-syntax.hint-dq-escape": {
    example: {},
    zh: () => "双引号里的 \\ 要写成 \\\\;或改用单引号",
    en: () => "write \\ as \\\\ inside double quotes, or use single quotes",
  },

  // Typing mistakes (src/repo/typing-problems.ts)
  "line-endings": {
    example: {},
    zh: () => "文件只用回车符(CR)换行(老式 Mac 格式),YAML 会把整个文件读成一行",
    en: () => "the file ends its lines with CR alone (old Mac style), which YAML reads as one single line",
  },
  "line-endings.hint": {
    example: {},
    zh: () => "以 LF(或 CRLF)换行另存",
    en: () => "save it with LF (or CRLF) line endings",
  },
  "unquoted-colon": {
    example: {},
    zh: () => "值中的「: 」会被 YAML 当成又一个键,这个值读不出来",
    en: () => "YAML reads the ': ' inside this value as the start of another key, so the value cannot be read",
  },
  "unquoted-colon.hint": {
    example: { quoted: '"区级培训: 新课标解读"' },
    zh: (d) => `给整个值加上引号:${d.quoted}`,
    en: (d) => `put the whole value in quotes: ${d.quoted}`,
  },
  "full-width-syntax": {
    example: { chars: ["，"], ascii: [","] },
    zh: (d) => `这里的${d.chars.map(charZh).join("、")}是全角字符,YAML 在这里要半角的${d.ascii.map((a) => `「${a}」`).join("、")}`,
    en: (d) => `${d.chars.map(charEn).join(", ")} ${d.chars.length === 1 ? "is a full-width character" : "are full-width characters"}: YAML needs ${d.ascii.map((a) => `'${a}'`).join(", ")} here`,
  },
  "full-width-syntax.colon": {
    example: {},
    zh: () => "键后的冒号「：」(U+FF1A)是全角的,YAML 要半角冒号加空格「: 」",
    en: () => "the colon after the key, '：' (U+FF1A), is full-width: YAML needs an ASCII colon and a space, ': '",
  },
  "full-width-syntax.indent": {
    example: {},
    zh: () => "缩进用了全角空格 U+3000,YAML 只认半角空格",
    en: () => "the indentation uses the full-width space U+3000; YAML indents with ASCII spaces only",
  },
  "full-width-syntax.hint-indent": {
    example: {},
    zh: () => "每个全角空格换成两个半角空格",
    en: () => "replace each full-width space with two ASCII spaces",
  },
  "full-width-syntax.hint-line": {
    example: { line: "kind: reflection" },
    zh: (d) => `改成:${d.line}`,
    en: (d) => `write: ${d.line}`,
  },
  "tab-indent": {
    example: {},
    zh: () => "这一行用 Tab(制表符)缩进,YAML 不允许用 Tab 缩进",
    en: () => "this line is indented with a tab, and YAML allows no tabs in indentation",
  },
  "tab-indent.hint-spaces": {
    example: { spaces: 4, line: "score: 6" },
    zh: (d) => `改用 ${d.spaces} 个空格缩进,与同级的行对齐:${d.line}`,
    en: (d) => `indent it with ${d.spaces} spaces, in line with its siblings: ${d.line}`,
  },
  "tab-indent.hint-unclear": {
    example: {},
    zh: () => "把 Tab 换成空格,与同级的行对齐(看不出该缩进几格,不能自动修复)",
    en: () => "replace the tab with spaces, in line with its siblings (how far is unclear, so --fix leaves it)",
  },

  // Values typed with an input method, fixed in place (src/pipeline/value-fixes.ts): hints of schema problems
  "value-fix.hint-invisible": {
    example: { chars: ["U+200B"], fixed: "t02" },
    zh: (d) => `值里有看不见的字符 ${d.chars.join("、")}(多半是从网页或聊天软件复制来的):删掉它,写成 ${d.fixed}`,
    en: (d) => `the value holds invisible characters, ${d.chars.join(", ")} (usually pasted from a web page or a chat): delete them, writing ${d.fixed}`,
  },
  "value-fix.hint-date": {
    example: { fixed: "2025-10-09" },
    zh: (d) => `写成 ${d.fixed}(年-月-日)`,
    en: (d) => `write ${d.fixed} (year-month-day)`,
  },
  "value-fix.hint-half-width": {
    example: { fixed: "12" },
    zh: (d) => `写成半角:${d.fixed}`,
    en: (d) => `write it in half-width characters: ${d.fixed}`,
  },
});
