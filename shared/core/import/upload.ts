import type { UploadedFile } from '../../contract/common.ts';

export function decodeUpload(file: UploadedFile): Uint8Array {
  return Buffer.from(file.base64, 'base64');
}
