namespace MockServer.Tests.Flow;

/// <summary>
/// XML examples of Infobip's official 2FA document (shared/reference/infobip-2fa-pin-flow.official.json), copied
/// verbatim: each is the example of that operation and status named in its comment. A client written from the
/// document sends the requests and reads the answers by these names; tests never read the shared folder.
/// </summary>
internal static class OfficialXmlExamples
{
    /// <summary>POST /2fa/2/applications/{appId}/messages: the request example "Create message template".</summary>
    public const string CreateTemplate = """
        <?xml version="1.0" encoding="UTF-8"?><CreateSmsOrVoiceMessageRequest>
          <pinType>NUMERIC</pinType>
          <messageText>Your pin is {{pin}}</messageText>
          <pinLength>4</pinLength>
          <language>en</language>
          <voiceName>Joanna</voiceName>
          <senderId>Infobip 2FA</senderId>
          <repeatDTMF>1#</repeatDTMF>
          <speechRate>1.0</speechRate>
        </CreateSmsOrVoiceMessageRequest>
        """;

    /// <summary>POST /2fa/2/applications/{appId}/messages 200: the answer example "Message template response".</summary>
    public const string CreatedTemplate = """
        <?xml version="1.0" encoding="UTF-8"?><SmsOrVoiceMessage>
          <messageId>B628A31410306DDB2BFB0D9CF1F3A3FF</messageId>
          <applicationId>19F2491982980DBC2C40E1597FD175AB</applicationId>
          <pinPlaceholder>{{pin}}</pinPlaceholder>
          <messageText>Your pin is {{pin}}</messageText>
          <pinLength>4</pinLength>
          <pinType>ALPHANUMERIC</pinType>
          <language>en</language>
          <voiceName>Joanna</voiceName>
          <senderId>Infobip 2FA</senderId>
          <repeatDTMF>1#</repeatDTMF>
          <speechRate>1.0</speechRate>
        </SmsOrVoiceMessage>
        """;

    /// <summary>The <c>&lt;regional&gt;</c> element of the document's DLT examples, verbatim.</summary>
    private const string DltRegional = """
          <regional>
            <indiaDlt>
              <contentTemplateId>your-template-id</contentTemplateId>
              <principalEntityId>your-entity-id</principalEntityId>
              <teleMarketerId>your-tele-marketer-id</teleMarketerId>
            </indiaDlt>
          </regional>

        """;

    /// <summary>
    /// POST /2fa/2/applications/{appId}/messages: the request example "Create message template with DLT parameters",
    /// which is "Create message template" with the <c>&lt;regional&gt;</c> element last.
    /// </summary>
    public static readonly string CreateTemplateWithDlt = CreateTemplate.Replace("</CreateSmsOrVoiceMessageRequest>",
        DltRegional + "</CreateSmsOrVoiceMessageRequest>", StringComparison.Ordinal);

    /// <summary>
    /// PUT /2fa/2/applications/{appId}/messages/{msgId}: the request example "Add DLT parameters to message template",
    /// which is "Update message template" with the <c>&lt;regional&gt;</c> element last.
    /// </summary>
    public static readonly string UpdateTemplateWithDlt = UpdateTemplate.Replace("</UpdateSmsOrVoiceMessageRequest>",
        DltRegional + "</UpdateSmsOrVoiceMessageRequest>", StringComparison.Ordinal);

    /// <summary>POST /2fa/2/pin: the request example "Send PIN over SMS with delivery report", which is "Send PIN over SMS" with trackDelivery true.</summary>
    public static readonly string SendPinWithDeliveryReport = SendPin.Replace("<trackDelivery>false</trackDelivery>",
        "<trackDelivery>true</trackDelivery>", StringComparison.Ordinal);

    /// <summary>
    /// POST /2fa/2/pin 200: the answer example "Send PIN over SMS with delivery report", which is "Send PIN over SMS"'s
    /// with the externalMessageId element last.
    /// </summary>
    public static readonly string PinSentWithDeliveryReport = PinSent.Replace("</StartAuthenticationResponse>",
        "  <externalMessageId>32ddd1a1-9ace-4b99-95c0-add44c3363af</externalMessageId>\n</StartAuthenticationResponse>", StringComparison.Ordinal);

    /// <summary>PUT /2fa/2/applications/{appId}/messages/{msgId}: the request example "Update message template".</summary>
    public const string UpdateTemplate = """
        <?xml version="1.0" encoding="UTF-8"?><UpdateSmsOrVoiceMessageRequest>
          <pinType>ALPHANUMERIC</pinType>
          <messageText>Your pin is {{pin}}</messageText>
          <pinLength>6</pinLength>
          <language>en</language>
          <voiceName>Joanna</voiceName>
          <senderId>Infobip 2FA</senderId>
          <repeatDTMF>1#</repeatDTMF>
          <speechRate>1.0</speechRate>
        </UpdateSmsOrVoiceMessageRequest>
        """;

    /// <summary>PUT /2fa/2/applications/{appId}/messages/{msgId} 200: the answer example "Message template response".</summary>
    public const string UpdatedTemplate = """
        <?xml version="1.0" encoding="UTF-8"?><SmsOrVoiceMessage>
          <messageId>B628A31410306DDB2BFB0D9CF1F3A3FF</messageId>
          <applicationId>19F2491982980DBC2C40E1597FD175AB</applicationId>
          <pinPlaceholder>{{pin}}</pinPlaceholder>
          <messageText>Your pin is {{pin}}</messageText>
          <pinLength>4</pinLength>
          <pinType>ALPHANUMERIC</pinType>
          <language>en</language>
          <voiceName>Joanna</voiceName>
          <senderId>Infobip 2FA</senderId>
          <repeatDTMF>1#</repeatDTMF>
          <speechRate>1.0</speechRate>
        </SmsOrVoiceMessage>
        """;

    /// <summary>GET /2fa/2/applications/{appId}/messages/{msgId} 200: the answer example "Voice message template response".</summary>
    public const string GotTemplate = """
        <?xml version="1.0" encoding="UTF-8"?><Message>
          <messageId>AF33289C815F8</messageId>
          <applicationId>A635KJ8BHJ6754432G5F3735E3A6EA43</applicationId>
          <messageText>Your pin is {{pin}}</messageText>
          <pinLength>4</pinLength>
          <pinType>ALPHANUMERIC</pinType>
          <language>en</language>
          <voiceName>Joanna</voiceName>
          <senderId>Infobip 2FA</senderId>
          <repeatDTMF>1#</repeatDTMF>
          <speechRate>1.0</speechRate>
        </Message>
        """;

    /// <summary>GET /2fa/2/applications/{appId}/messages 200: the answer example "Multiple message template response".</summary>
    public const string ListedTemplates = """
        <?xml version="1.0" encoding="UTF-8"?><Messages>
          <item>
            <messageId>A89CE542F3F12</messageId>
            <applicationId>32G5F37A635KJ8BHJ675435E3A6EA434</applicationId>
            <messageText>Your pin is {{pin}}</messageText>
            <pinLength>4</pinLength>
            <pinType>ALPHANUMERIC</pinType>
            <senderId>Infobip 2FA</senderId>
          </item>
          <item>
            <messageId>AF33289C815F8</messageId>
            <applicationId>A635KJ8BHJ6754432G5F3735E3A6EA43</applicationId>
            <messageText>Your pin is {{pin}}</messageText>
            <pinLength>4</pinLength>
            <pinType>ALPHANUMERIC</pinType>
            <language>en</language>
            <voiceName>Joanna</voiceName>
            <senderId>Infobip 2FA</senderId>
            <repeatDTMF>1#</repeatDTMF>
            <speechRate>1.0</speechRate>
          </item>
          <item>
            <messageId>9C815F8AF3328</messageId>
            <applicationId>HJ675435E3A6EA43432G5F37A635KJ8B</applicationId>
            <pinLength>4</pinLength>
            <pinType>ALPHANUMERIC</pinType>
            <from>company@example.com</from>
            <emailTemplateId>1234</emailTemplateId>
            <landingPageId>1_23456</landingPageId>
          </item>
        </Messages>
        """;

    /// <summary>POST /2fa/2/pin: the request example "Send PIN over SMS".</summary>
    public const string SendPin = """
        <?xml version="1.0" encoding="UTF-8"?><StartAuthenticationRequest>
          <applicationId>1234567</applicationId>
          <messageId>7654321</messageId>
          <from>Sender 1</from>
          <to>41793026727</to>
          <placeholders>
            <firstName>John</firstName>
          </placeholders>
          <trackDelivery>false</trackDelivery>
        </StartAuthenticationRequest>
        """;

    /// <summary>POST /2fa/2/pin 200: the answer example "Send PIN over SMS".</summary>
    public const string PinSent = """
        <?xml version="1.0" encoding="UTF-8"?><StartAuthenticationResponse>
          <pinId>9C817C6F8AF3D48F9FE553282AFA2B67</pinId>
          <to>41793026727</to>
          <ncStatus>NC_DESTINATION_REACHABLE</ncStatus>
          <smsStatus>MESSAGE_SENT</smsStatus>
        </StartAuthenticationResponse>
        """;

    /// <summary>POST /2fa/2/pin/{pinId}/resend: the request example "Resend PIN with placeholders".</summary>
    public const string ResendPin = """
        <?xml version="1.0" encoding="UTF-8"?><ResendPinRequest>
          <placeholders>
            <firstName>John</firstName>
          </placeholders>
          <trackDelivery>false</trackDelivery>
        </ResendPinRequest>
        """;

    /// <summary>POST /2fa/2/pin/{pinId}/resend 200: the document's answer example is the send's own ("Send PIN over SMS").</summary>
    public const string PinResent = PinSent;

    /// <summary>POST /2fa/2/pin/{pinId}/verify: the request example "Verify PIN".</summary>
    public const string VerifyPin = """
        <?xml version="1.0" encoding="UTF-8"?><VerifyPinRequest>
          <pin>1598</pin>
        </VerifyPinRequest>
        """;

    /// <summary>POST /2fa/2/pin/{pinId}/verify 200: the answer example "Verify PIN response".</summary>
    public const string PinVerified = """
        <?xml version="1.0" encoding="UTF-8"?><VerifyPinResponse>
          <pinId>9C817C6F8AF3D48F9FE553282AFA2B67</pinId>
          <msisdn>41793026727</msisdn>
          <verified>true</verified>
          <attemptsRemaining>0</attemptsRemaining>
        </VerifyPinResponse>
        """;

    /// <summary>GET /2fa/2/applications/{appId}/verifications 200: the answer example "Verification response list".</summary>
    public const string VerificationStatus = """
        <?xml version="1.0" encoding="UTF-8"?><VerificationResponse>
          <verifications>
            <verifications>
              <msisdn>41793026727</msisdn>
              <verified>true</verified>
              <verifiedAt>1418364366</verifiedAt>
              <sentAt>1418364246</sentAt>
            </verifications>
            <verifications>
              <msisdn>41793026746</msisdn>
              <verified>false</verified>
              <verifiedAt>1418364226</verifiedAt>
              <sentAt>1418333246</sentAt>
            </verifications>
          </verifications>
        </VerificationResponse>
        """;

    /// <summary>POST /2fa/2/applications/{appId}/email/messages: the request example "Create message template".</summary>
    public const string CreateEmailTemplate = """
        <?xml version="1.0" encoding="UTF-8"?><CreateEmailMessageRequest>
          <pinType>NUMERIC</pinType>
          <pinLength>4</pinLength>
          <from>company@example.com</from>
          <emailTemplateId>1234</emailTemplateId>
          <landingPageId>1_23456</landingPageId>
        </CreateEmailMessageRequest>
        """;

    /// <summary>PUT /2fa/2/applications/{appId}/email/messages/{msgId}: the request example "Update message template".</summary>
    public const string UpdateEmailTemplate = """
        <?xml version="1.0" encoding="UTF-8"?><UpdateEmailMessageRequest>
          <pinType>ALPHANUMERIC</pinType>
          <pinLength>6</pinLength>
          <from>company@example.com</from>
          <emailTemplateId>1234</emailTemplateId>
          <landingPageId>1_23456</landingPageId>
        </UpdateEmailMessageRequest>
        """;

    /// <summary>POST /2fa/2/pin/email: the request example "Send PIN over Email".</summary>
    public const string SendEmailPin = """
        <?xml version="1.0" encoding="UTF-8"?><StartEmailAuthenticationRequest>
          <applicationId>1234567</applicationId>
          <messageId>7654321</messageId>
          <to>john.smith@example.com</to>
          <placeholders>
            <firstName>John</firstName>
          </placeholders>
          <landingPagePlaceholders>
            <name>John</name>
            <surname>Smith</surname>
          </landingPagePlaceholders>
        </StartEmailAuthenticationRequest>
        """;

    /// <summary>POST /2fa/2/pin/{pinId}/resend/email: the request example "Resend PIN with placeholders".</summary>
    public const string ResendEmailPin = """
        <?xml version="1.0" encoding="UTF-8"?><ResendPinRequestViaEmail>
          <placeholders>
            <firstName>John</firstName>
          </placeholders>
          <landingPagePlaceholders>
            <name>John</name>
            <surname>Smith</surname>
          </landingPagePlaceholders>
        </ResendPinRequestViaEmail>
        """;
}
