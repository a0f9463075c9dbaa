//! Bytes → text: BOM and UTF-16 detection, UTF-8 with Windows-1252 fallback, NFC, binary refusal.

use unicode_normalization::UnicodeNormalization;

use super::IngestError;

/// Decodes a file's bytes into NFC-normalised text, refusing binary content.
pub fn decode(bytes: &[u8]) -> Result<String, IngestError> {
    if let Some(what) = binary_signature(bytes) {
        return Err(IngestError::Binary { what: what.to_string() });
    }
    let text = if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (t, _, _) = enc.decode(bytes);
        t.into_owned()
    } else if looks_like_utf16(bytes) {
        let enc = if bytes.iter().step_by(2).filter(|b| **b == 0).count() > bytes.len() / 4 {
            encoding_rs::UTF_16BE
        } else {
            encoding_rs::UTF_16LE
        };
        let (t, _, _) = enc.decode(bytes);
        t.into_owned()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let enc = declared_encoding(bytes).unwrap_or(encoding_rs::WINDOWS_1252);
                let (t, _, _) = enc.decode(bytes);
                t.into_owned()
            }
        }
    };
    let controls =
        text.chars().take(65_536).filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).count();
    let sample = text.chars().take(65_536).count().max(1);
    if controls * 20 > sample {
        return Err(IngestError::Binary { what: "control characters throughout".into() });
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Ok(text.nfc().filter(|c| *c != '\0').collect())
}

/// Names well-known binary formats from their first bytes.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive or office document"),
        (b"\x7fELF", "an executable"),
        (b"MZ", "a Windows executable"),
        (b"SQLite format 3", "a database file"),
        (b"\xd0\xcf\x11\xe0", "an old office document"),
    ];
    SIGS.iter().find(|(sig, _)| bytes.starts_with(sig)).map(|(_, what)| *what)
}

fn looks_like_utf16(bytes: &[u8]) -> bool {
    let n = bytes.len().min(4096);
    n >= 4 && bytes[..n].iter().filter(|b| **b == 0).count() * 3 > n
}

/// The charset named in an HTML `<meta charset>` or `http-equiv` tag near the start.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_utf16_and_windows_1252() {
        assert_eq!(decode(b"\xef\xbb\xbfCaf\xc3\xa9").ok().as_deref(), Some("Café"));
        let utf16: Vec<u8> = [0xff, 0xfe].into_iter().chain("Kyiv".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16).ok().as_deref(), Some("Kyiv"));
        assert_eq!(decode(b"caf\xe9 \x93quoted\x94").ok().as_deref(), Some("café “quoted”"));
    }

    #[test]
    fn normalises_to_nfc() {
        assert_eq!(decode("e\u{301}".as_bytes()).ok().as_deref(), Some("é"));
    }
}
