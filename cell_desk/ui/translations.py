"""Vietnamese for the texts Qt draws itself (context menus, standard buttons, file dialogs):
Qt ships no Vietnamese translation."""
from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator

EDITING = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "&Sao chép",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
    "Copy &Link Location": "Chép địa chỉ liên &kết",
}
BUTTONS = {
    "OK": "Đồng ý",
    "Save": "Lưu",
    "Save All": "Lưu tất cả",
    "Open": "Mở",
    "&Yes": "&Có",
    "Yes to &All": "Có với &tất cả",
    "&No": "&Không",
    "N&o to All": "Không với tất &cả",
    "Abort": "Hủy bỏ",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Close": "Đóng",
    "Cancel": "Hủy",
    "&Cancel": "&Hủy",
    "Discard": "Bỏ",
    "Help": "Trợ giúp",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Restore Defaults": "Khôi phục mặc định",
}
FILE_DIALOG = {
    "Look in:": "Tìm trong:",
    "&Look in:": "&Tìm trong:",
    "File &name:": "Tên &tệp:",
    "Files of type:": "Loại tệp:",
    "Files of &type:": "&Loại tệp:",
    "Open": "Mở",
    "&New Folder": "Thư mục &mới",
    "Go back": "Quay lại",
    "Go forward": "Tiếp",
    "Go to the parent directory": "Lên thư mục cha",
    "Create a New Folder": "Tạo thư mục mới",
    "Change to list view mode": "Xem dạng danh sách",
    "Change to detail view mode": "Xem dạng chi tiết",
    "List of places and bookmarks": "Các chỗ hay dùng",
    "Sidebar": "Các chỗ hay dùng",
    "Files": "Tệp",
    "Show ": "Hiện ",
    "Remove": "Bỏ khỏi danh sách",
    "Alt+Left": "Alt+Left",
    "Alt+Right": "Alt+Right",
    "Alt+Up": "Alt+Up",
    "%1 already exists.\nDo you want to replace it?": "Đã có tệp %1.\nGhi đè lên tệp đó?",
    "%1\nFile not found.\nPlease verify the correct file name was given.":
        "%1\nKhông thấy tệp này.\nHãy kiểm tra lại tên tệp.",
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
        "%1\nKhông thấy thư mục này.\nHãy kiểm tra lại tên thư mục.",
    "'%1' is write protected.\nDo you want to delete it anyway?": "“%1” đang được bảo vệ chống ghi.\nVẫn xóa?",
    "Are you sure you want to delete '%1'?": "Xóa “%1”?",
    "Could not delete directory.": "Không xóa được thư mục.",
    "Drive": "Ổ đĩa",
    "File": "Tệp",
    "File Folder": "Thư mục",
    "Folder": "Thư mục",
    "Alias": "Lối tắt",
    "Shortcut": "Lối tắt",
    "Unknown": "Không rõ",
    "Invalid filename": "Tên tệp không dùng được",
    "<b>The name \"%1\" cannot be used.</b><p>Try using another name, with fewer characters or no "
    "punctuation marks.": "<b>Không dùng được tên “%1”.</b><p>Hãy đặt tên khác, ngắn hơn hoặc không có dấu câu.",
    "&Open": "&Mở",
    "&Save": "&Lưu",
    "&Choose": "&Chọn",
    "Cancel": "Hủy",
    "Back": "Quay lại",
    "Forward": "Tiếp",
    "Parent Directory": "Thư mục cha",
    "Create New Folder": "Tạo thư mục mới",
    "New Folder": "Thư mục mới",
    "List View": "Dạng danh sách",
    "Detail View": "Dạng chi tiết",
    "Directory:": "Thư mục:",
    "Name": "Tên",
    "Size": "Cỡ",
    "Type": "Loại",
    "Date Modified": "Ngày sửa",
    "Computer": "Máy tính",
    "My Computer": "Máy tính",
    "Recent Places": "Chỗ mới dùng",
    "&Delete": "&Xóa",
    "&Rename": "Đổi &tên",
    "Show &hidden files": "Hiện tệp ẩ&n",
    "All Files (*)": "Mọi tệp (*)",
    "Save As": "Lưu thành",
    "Find Directory": "Chọn thư mục",
    "Directories": "Thư mục",
}
BY_CONTEXT = {
    "QLineEdit": EDITING,
    "QWidgetTextControl": EDITING,
    "QTextControl": EDITING,
    "QPlatformTheme": BUTTONS,
    "QDialogButtonBox": BUTTONS,
    "QMessageBox": BUTTONS,
    "QFileDialog": FILE_DIALOG,
    "QFileSystemModel": FILE_DIALOG,
    "QAbstractFileIconProvider": FILE_DIALOG,
    "QFileIconProvider": FILE_DIALOG,
}


class VietnameseTranslator(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 (Qt's name)
        # None, not "": an empty text would count as a translation and blank out e.g. "Ctrl"
        return BY_CONTEXT.get(context, {}).get(source_text)

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def install_vietnamese(app) -> None:
    """Vietnamese month and day names in calendars, and the texts above."""
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    translator = VietnameseTranslator(app)
    app.installTranslator(translator)
    app._vietnamese_translator = translator  # keep it alive as long as the application
