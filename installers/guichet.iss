; Inno Setup 6 script for Windows: installs the PyInstaller folder dist\guichet (built ON
; WINDOWS by `make dist` or installers\build_app.py: PyInstaller does not cross-compile), a
; Start-menu entry, an optional desktop icon, an uninstaller and, if ticked, the headless
; scheduler as a scheduled task started with Windows. Build the installer with
;   iscc installers\guichet.iss        -> dist\guichet-0.1.0-setup.exe
; tests/dist/test_windows_installer.py checks that [Files] covers the built folder's layout.
; See docs/install.md ("Windows").

#define AppVersion "0.1.0"

[Setup]
AppId={{6F1C2B9E-4E2A-4E55-9C1D-3F0B8B3A6C11}
AppName=Guichet
AppVersion={#AppVersion}
AppPublisher=The Guichet developers
DefaultDirName={autopf}\Guichet
DefaultGroupName=Guichet
OutputDir=..\dist
OutputBaseFilename=guichet-{#AppVersion}-setup
SetupIconFile=icons\guichet.ico
UninstallDisplayIcon={app}\guichet-client.exe
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
french.DesktopIcon=Créer une icône sur le bureau
english.DesktopIcon=Create a desktop icon
french.SchedulerTask=Exécuter le planificateur sans écran sur ce PC (tâche planifiée au démarrage)
english.SchedulerTask=Run the headless scheduler on this PC (a scheduled task at startup)
french.SelfTest=Vérifier l'installation de Guichet
english.SelfTest=Check the Guichet installation
french.Launch=Ouvrir Guichet
english.Launch=Open Guichet

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked
Name: "scheduler"; Description: "{cm:SchedulerTask}"; Flags: unchecked

[Files]
Source: "..\dist\guichet\guichet.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\dist\guichet\guichet-client.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\dist\guichet\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "windows\guichet-scheduler.cmd"; DestDir: "{app}"; Flags: ignoreversion
Source: "windows\scheduler.env.example"; DestDir: "{commonappdata}\Guichet"; Flags: onlyifdoesntexist
Source: "WINDOWS-SCHEDULER.md"; DestDir: "{app}"; Flags: ignoreversion

[Dirs]
Name: "{commonappdata}\Guichet"

[Icons]
Name: "{group}\Guichet"; Filename: "{app}\guichet-client.exe"
Name: "{group}\{cm:SelfTest}"; Filename: "{cmd}"; Parameters: "/k ""{app}\guichet.exe"" --self-test"
Name: "{group}\{cm:UninstallProgram,Guichet}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Guichet"; Filename: "{app}\guichet-client.exe"; Tasks: desktopicon

[Run]
Filename: "{sys}\schtasks.exe"; Parameters: "/Create /F /TN ""Guichet scheduler"" /SC ONSTART /RU SYSTEM /RL HIGHEST /TR ""\""{app}\guichet-scheduler.cmd\"""""; Flags: runhidden; Tasks: scheduler
Filename: "{app}\guichet-client.exe"; Description: "{cm:Launch}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "{sys}\schtasks.exe"; Parameters: "/Delete /F /TN ""Guichet scheduler"""; Flags: runhidden; RunOnceId: "DeleteSchedulerTask"
