Attribute VB_Name = "XltoolsRibbon"
' xltools ribbon callbacks. Every button hands its id to Python (xltools.addin.dispatch)
' through xlwings' RunPython. Keep this a forwarder: a new button is an entry in
' customUI14.xml plus one in xltools/addin/buttons.py, never new VBA, so all behaviour
' stays in tested Python. The only thing done here is what Python cannot do from outside
' Excel: showing Excel's own folder and Save As dialogs.
Option Explicit

Sub OnButton(control As IRibbonControl)
    ' RunPython reads ActiveWorkbook (it becomes xw.Book.caller()), which is Nothing
    ' when no workbook is open: give it an empty one instead of a VBA error.
    If ActiveWorkbook Is Nothing Then Workbooks.Add
    RunPython "import xltools.addin as a; a.dispatch('" & control.Id & "')"
End Sub

Sub OnPickButton(control As IRibbonControl)
    ' A button that needs folders or files first. Its tag, written by the builder from
    ' buttons.py, lists the dialogs: "folder;<title>" or "save;<title>;<file name>",
    ' separated by "|". Cancelling any dialog runs nothing. Each chosen path travels as
    ' hexadecimal UTF-16, so no quote, ampersand, percent sign or non-ASCII letter in a
    ' path can be changed on its way through the command line to Python.
    Dim steps() As String, fields() As String, chosen As String, args As String, i As Integer
    If ActiveWorkbook Is Nothing Then Workbooks.Add
    steps = Split(control.Tag, "|")
    For i = 0 To UBound(steps)
        fields = Split(steps(i), ";")
        If fields(0) = "folder" Then
            chosen = PickFolder(fields(1))
        Else
            chosen = PickSaveAs(fields(1), fields(2))
        End If
        If chosen = "" Then Exit Sub
        args = args & ", '" & HexText(chosen) & "'"
    Next i
    RunPython "import xltools.addin as a; a.dispatch_picked('" & control.Id & "'" & args & ")"
End Sub

Private Function PickFolder(title As String) As String
    #If Mac Then
        On Error Resume Next ' Cancel raises an AppleScript error: nothing chosen
        PickFolder = MacScript("return POSIX path of (choose folder with prompt """ & title & """)")
        On Error GoTo 0
    #Else
        With Application.FileDialog(4) ' msoFileDialogFolderPicker
            .Title = title
            .AllowMultiSelect = False
            If .Show = -1 Then PickFolder = .SelectedItems(1)
        End With
    #End If
End Function

Private Function PickSaveAs(title As String, fileName As String) As String
    Dim chosen As Variant
    #If Mac Then
        chosen = Application.GetSaveAsFilename(InitialFileName:=fileName, Title:=title)
    #Else
        chosen = Application.GetSaveAsFilename(InitialFileName:=fileName, _
            FileFilter:="Excel (*.xlsx), *.xlsx", Title:=title)
    #End If
    If VarType(chosen) = vbString Then PickSaveAs = chosen ' False when cancelled
End Function

Private Function HexText(text As String) As String
    Dim i As Long
    For i = 1 To Len(text)
        HexText = HexText & Right$("000" & Hex$(AscW(Mid$(text, i, 1)) And &HFFFF&), 4)
    Next i
End Function
