//! The one small XML attribute reader used where styr looks into a package's XML itself (the
//! sniffer's relationships and content types, and the scans for what calamine does not report).

/// The value of attribute `name` in an element's head (the text after the element name, up to
/// its `>`), as written: spaces may surround `=`, and either quote may be used. The name must
/// start the head or follow whitespace, so `id` does not match `r:id`. Entities are not decoded.
pub(crate) fn attr<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = head.get(from..)?.find(name) {
        let at = from + i;
        from = at + name.len();
        if head[..at]
            .chars()
            .last()
            .is_some_and(|c| !c.is_whitespace())
        {
            continue;
        }
        let after = head[from..].trim_start();
        let Some(after) = after.strip_prefix('=') else {
            continue;
        };
        let after = after.trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value = &after[1..];
        return value.find(quote).map(|end| &value[..end]);
    }
    None
}

/// The part named by the officeDocument relationship of a package's `_rels/.rels`, as a path
/// from the package root.
pub(crate) fn office_document_target(rels: &str) -> Option<String> {
    rels.split("<Relationship").skip(1).find_map(|r| {
        let head = r.split('>').next().unwrap_or_default();
        let kind = attr(head, "Type")?;
        if !kind.ends_with("/officeDocument") {
            return None;
        }
        let target = attr(head, "Target")?.replace('\\', "/");
        Some(target.trim_start_matches('/').to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::attr;

    #[test]
    fn reads_attributes_as_xml_allows_them_to_be_written() {
        assert_eq!(attr(r#"r="B5" s="3""#, "r"), Some("B5"));
        assert_eq!(attr(r#"r="B5" s="3""#, "s"), Some("3"));
        assert_eq!(
            attr(r#" name = 'Ekonomi' r:id="rId3""#, "name"),
            Some("Ekonomi")
        );
        // `id` is not `r:id`, and `r` is not `r:id`.
        assert_eq!(attr(r#"name="x" r:id="rId3""#, "id"), None);
        assert_eq!(attr(r#"r:id="rId3""#, "r"), None);
        assert_eq!(attr(r#"r:id="rId3""#, "r:id"), Some("rId3"));
        // A name inside another attribute's value is not that attribute.
        assert_eq!(attr(r#"t="r" s="1""#, "r"), None);
        assert_eq!(attr(r#"Target="x.xml"#, "Target"), None);
        assert_eq!(attr("", "r"), None);
    }
}
