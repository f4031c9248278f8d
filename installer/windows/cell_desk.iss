; Inno Setup script: a Vietnamese installer for the PyInstaller folder dist\CellDesk.
; Build on Windows (docs\building.md):  iscc /DAppVersion=0.1.0 installer\windows\cell_desk.iss
; Per-user install without administrator rights; Start-menu and desktop shortcuts; the data folder
; (%APPDATA%\CellDesk) is never touched by uninstalling.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Cell Desk"
#define AppExe "CellDesk.exe"

[Setup]
AppId={{6E0C2B7A-3F9D-4C1E-9A55-0C3D5E1B8F21}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Cell Desk
AppComments=Sổ tay công tác tuyên truyền của chi bộ, chạy không cần mạng
; {autopf} is the user's own Programs folder when installing without administrator rights
DefaultDirName={autopf}\Cell Desk
DefaultGroupName=Cell Desk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=CellDesk-{#AppVersion}-cai-dat
SetupIconFile=..\..\resources\icons\cell_desk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
; Inno Setup ships no Vietnamese messages file: the wizard's words are set in [Messages] below.
Name: "vi"; MessagesFile: "compiler:Default.isl"

[Messages]
SetupAppTitle=Cài đặt
SetupWindowTitle=Cài đặt %1
UninstallAppTitle=Gỡ cài đặt
UninstallAppFullTitle=Gỡ cài đặt %1
ButtonBack=< &Quay lại
ButtonNext=&Tiếp >
ButtonInstall=&Cài đặt
ButtonOK=Đồng ý
ButtonCancel=Hủy
ButtonYes=&Có
ButtonYesToAll=Có với &tất cả
ButtonNo=&Không
ButtonNoToAll=K&hông với tất cả
ButtonFinish=&Xong
ButtonBrowse=&Chọn thư mục…
ButtonWizardBrowse=C&họn thư mục…
ButtonNewFolder=&Tạo thư mục mới
ExitSetupTitle=Thoát cài đặt
ExitSetupMessage=Cài đặt chưa xong. Nếu thoát bây giờ, chương trình sẽ chưa được cài.%n%nCó thể chạy lại bộ cài lúc khác.%n%nThoát cài đặt?
WelcomeLabel1=Chào mừng đến với bộ cài đặt [name]
WelcomeLabel2=Bộ cài sẽ cài [name/ver] vào máy này, chỉ cho tài khoản đang dùng, không cần quyền quản trị.%n%nNên đóng các chương trình khác trước khi tiếp tục.
WizardSelectDir=Chọn nơi cài đặt
SelectDirDesc=Cài [name] vào đâu?
SelectDirLabel3=Bộ cài sẽ cài [name] vào thư mục dưới đây.
SelectDirBrowseLabel=Bấm Tiếp để tiếp tục. Muốn chọn thư mục khác, bấm Chọn thư mục.
DiskSpaceMBLabel=Cần ít nhất [mb] MB dung lượng trống.
WizardSelectTasks=Chọn việc cần làm thêm
SelectTasksDesc=Bộ cài làm thêm những việc nào?
SelectTasksLabel2=Chọn các việc bộ cài làm thêm khi cài [name], rồi bấm Tiếp.
WizardReady=Sẵn sàng cài đặt
ReadyLabel1=Bộ cài đã sẵn sàng cài [name] vào máy.
ReadyLabel2a=Bấm Cài đặt để bắt đầu, hoặc Quay lại để xem lại.
ReadyLabel2b=Bấm Cài đặt để bắt đầu.
ReadyMemoDir=Thư mục cài đặt:
ReadyMemoTasks=Việc làm thêm:
WizardPreparing=Đang chuẩn bị
WizardInstalling=Đang cài đặt
InstallingLabel=Xin chờ trong khi [name] được cài vào máy.
StatusExtractFiles=Đang chép các tệp…
StatusCreateIcons=Đang tạo lối tắt…
StatusUninstalling=Đang gỡ %1…
FinishedHeadingLabel=Đã cài xong [name]
FinishedLabelNoIcons=[name] đã được cài vào máy.
FinishedLabel=[name] đã được cài vào máy. Mở chương trình bằng lối tắt đã tạo.
ClickFinish=Bấm Xong để đóng bộ cài.
RunEntryExec=Mở %1
ConfirmUninstall=Gỡ %1 khỏi máy? Dữ liệu của chi bộ (thư mục CellDesk trong AppData) vẫn được giữ nguyên.
UninstalledAll=Đã gỡ %1 khỏi máy. Dữ liệu của chi bộ vẫn còn trong thư mục CellDesk của AppData.
UninstalledMost=Đã gỡ %1. Một số tệp không xóa được; có thể xóa tay.
UninstallStatusLabel=Xin chờ trong khi %1 được gỡ khỏi máy.
SetupAppRunningError=Cell Desk đang mở. Hãy đóng Cell Desk rồi bấm Đồng ý để tiếp tục, hoặc Hủy để thoát.
UninstallAppRunningError=Cell Desk đang mở. Hãy đóng Cell Desk rồi bấm Đồng ý để tiếp tục, hoặc Hủy để thoát.
DirExistsTitle=Thư mục đã có
DirExists=Thư mục:%n%n%1%n%nđã có. Vẫn cài vào thư mục này?
DirDoesntExistTitle=Chưa có thư mục
DirDoesntExist=Thư mục:%n%n%1%n%nchưa có. Tạo thư mục này?

[CustomMessages]
DesktopIcon=Tạo lối tắt ngoài màn hình (Desktop)
ExtraIcons=Lối tắt:
Uninstall=Gỡ cài đặt Cell Desk
LaunchProgram=Mở %1 ngay

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:ExtraIcons}"

[Files]
; the whole PyInstaller folder (built with: pyinstaller --noconfirm installer\cell_desk.spec)
Source: "..\..\dist\CellDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Cell Desk"; Filename: "{app}\{#AppExe}"; Comment: "Sổ tay công tác tuyên truyền của chi bộ"
Name: "{autoprograms}\{cm:Uninstall}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Cell Desk"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,Cell Desk}"; Flags: nowait postinstall skipifsilent

; Nothing under [UninstallDelete]: the data folder %APPDATA%\CellDesk (database, backups,
; attachments, posters) belongs to the cell and stays when the program is removed.
