/**
 * An audit record's action and entity type by name (auth.login → 登录), from the audit module's messages
 * (`auditAction.<code>`, `auditEntity.<type>`); a code without a name yet is shown as it is.
 */
import type { Translate } from '../i18n.ts';

export const auditActionLabel = (t: Translate, action: string) => t(`auditAction.${action}`);
export const auditEntityLabel = (t: Translate, entityType: string) => t(`auditEntity.${entityType}`);
