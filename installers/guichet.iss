; Inno Setup script for Windows: packs the PyInstaller output folder dist\guichet.
[Setup]
AppName=Guichet
AppVersion=0.1.0
DefaultDirName={autopf}\Guichet
DefaultGroupName=Guichet
OutputBaseFilename=guichet-setup
[Files]
Source: "..\dist\guichet\*"; DestDir: "{app}"; Flags: recursesubdirs
[Icons]
Name: "{group}\Guichet"; Filename: "{app}\guichet.exe"
