"""The words of the import action, on their own so that Tổng quan can offer it at the first paint,
before the import machinery (and the database) is loaded."""

IMPORT_LABEL = "Nhập văn bản cấp trên…"
IMPORT_TIP = ("Kế hoạch, định hướng tháng, hướng dẫn, danh mục khẩu hiệu… của cấp trên: tệp Word (.docx, .doc), "
              "PDF, ảnh chụp (.jpg, .png), văn bản (.txt) hoặc tệp trao đổi Cell Desk (.json)")
