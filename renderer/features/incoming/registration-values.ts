import type { Classification, DocType, Urgency } from '@shared/domain/enums';
import type { HandlingKind } from '@shared/domain/incoming-types';

/** The 收文 registration fields as the form holds them (text boxes as strings): 登记 and 更正 share them. */
export interface RegistrationValues {
  receivedDate: string;
  fromUnit: string;
  docNumber: string;
  title: string;
  docType: DocType;
  classification: Classification;
  secrecyTerm: string;
  copyNumber: string;
  copies: string;
  pages: string;
  urgency: Urgency;
  writtenDate: string;
  attachments: string;
  signedBy: string;
  handling: HandlingKind;
  summary: string;
}
