/**
 * 学时证明 on the web page: the office's, as `yanxiu certificate` writes them, and a teacher's own
 * copy to check (the same numbers, without signature boxes or seal). Pure: data in, HTML out.
 */
import type { Lang } from "../i18n.js";
import type { Dataset, Teacher } from "../model.js";
import type { Scheme } from "../rules/types.js";
import type { Period } from "../score/types.js";
import { certificateList, certificateSettings } from "../reports/certificates.js";
import { renderCertificates } from "../format/certificate-html.js";

export function certificateHtml(dataset: Dataset, scheme: Scheme, period: Period, teachers: readonly Teacher[], lang: Lang, today: string, selfCopy = false): string {
  return renderCertificates(certificateList(dataset, scheme, period, teachers, lang), { lang, made: today, ...certificateSettings(dataset, scheme, lang), ...(selfCopy ? { selfCopy } : {}) });
}
