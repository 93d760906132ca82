/** Log in (id or name + password) and first login (one-time code + a new password). */
import { t, type Lang } from "../../i18n.js";
import { html, type Html } from "./html.js";

export interface LoginForm {
  lang: Lang;
  csrf: string;
  who?: string;
  error?: string;
}

export function loginBody(f: LoginForm): Html {
  const l = f.lang;
  return html`<div class="card"><h1>${t(l, "登录", "Log in")}</h1>
<form method="post" action="/login">
<input type="hidden" name="_csrf" value="${f.csrf}">
<label for="who">${t(l, "教师编号", "Teacher id")}</label>
<input id="who" name="who" autocomplete="username" value="${f.who ?? ""}" required>
<label for="password">${t(l, "密码", "Password")}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
${f.error ? html`<p class="err" role="alert">${f.error}</p>` : ""}
<p><button type="submit">${t(l, "登录", "Log in")}</button></p>
</form>
<p class="muted">${t(l, "第一次登录?", "First time here?")} <a href="/welcome">${t(l, "用教务处发的邀请码设置密码", "Set your password with the code from the office")}</a></p>
</div>`;
}

export function welcomeBody(f: LoginForm & { errors?: Record<string, string> }): Html {
  const l = f.lang;
  const e = f.errors ?? {};
  return html`<div class="card"><h1>${t(l, "设置密码", "Set your password")}</h1>
<p class="muted">${t(l, "输入教务处发给你的教师编号和一次性邀请码,然后设置自己的密码(至少 8 位)。", "Enter your teacher id and the one-time code from the office, then choose your password (8 characters or more).")}</p>
<form method="post" action="/welcome">
<input type="hidden" name="_csrf" value="${f.csrf}">
<label for="who">${t(l, "教师编号", "Teacher id")}</label>
<input id="who" name="who" autocomplete="username" value="${f.who ?? ""}" required>
<label for="code">${t(l, "邀请码", "One-time code")}</label>
<input id="code" name="code" autocomplete="one-time-code" required>
${e.code ? html`<p class="err">${e.code}</p>` : ""}
<label for="password">${t(l, "新密码", "New password")}</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="8" required>
<label for="password2">${t(l, "再输入一次", "Once more")}</label>
<input id="password2" name="password2" type="password" autocomplete="new-password" minlength="8" required>
${e.password ? html`<p class="err">${e.password}</p>` : ""}
${f.error ? html`<p class="err" role="alert">${f.error}</p>` : ""}
<p><button type="submit">${t(l, "设置密码并登录", "Set password and log in")}</button></p>
</form></div>`;
}
