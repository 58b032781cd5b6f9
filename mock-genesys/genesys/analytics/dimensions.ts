// What a ConversationQuery predicate may name, per filter kind, as Genesys documents it. The
// installed SDK's index.d.ts types these fields as plain `string` (no enum), so the lists
// are Genesys' published enums of ConversationDetailQueryPredicate and
// SegmentDetailQueryPredicate (the `allowed_values` of the official Python SDK's models,
// generated from the same API definition). test/mock/dimensions.test.ts keeps them honest
// against the SDK's model types: every field the data set emits that is a dimension is applied.

/** ConversationDetailQueryPredicate.dimension */
export const CONVERSATION_DIMENSIONS = [
  'accessAttribute',
  'conversationEnd',
  'conversationId',
  'conversationInitiator',
  'conversationStart',
  'customerParticipation',
  'divisionId',
  'externalTag',
  'mediaStatsMinConversationMos',
  'originatingDirection',
  'originatingSocialMediaPublic',
] as const;

/** ConversationDetailQueryPredicate.metric */
export const CONVERSATION_METRICS = [
  'nBlindTransferred', 'nBotInteractions', 'nCallbackAttempts', 'nCallbackOverSla', 'nCallbackScheduled', 'nCfcOffered', 'nCobrowseSessions',
  'nConnected', 'nConsult', 'nConsultTransferred', 'nConversations', 'nError', 'nFlow', 'nFlowMilestone', 'nFlowOutcome', 'nFlowOutcomeFailed',
  'nOffered', 'nOutbound', 'nOutboundAbandoned', 'nOutboundAttempted', 'nOutboundConnected', 'nOverSla', 'nStateTransitionError', 'nTakeover',
  'nTransferred', 'oAudioMessageCount', 'oExternalAudioMessageCount', 'oExternalMediaCount', 'oFlowMilestone', 'oMediaCount', 'oMessageCount',
  'oMessageSegmentCount', 'oMessageTurn', 'oSkillExpressionApplications', 'tAbandon', 'tAcd', 'tActiveCallback', 'tActiveCallbackComplete', 'tAcw',
  'tAgentResponseTime', 'tAgentVideoConnected', 'tAlert', 'tAnswered', 'tAverageAgentResponseTime', 'tAverageCustomerResponseTime', 'tBarging',
  'tCfcAbandon', 'tCfcAcd', 'tCfcAnswered', 'tCfcFlowOut', 'tCoaching', 'tCoachingComplete', 'tConnected', 'tContacting', 'tConversationDuration',
  'tDialing', 'tFirstConnect', 'tFirstDial', 'tFirstEngagement', 'tFirstResponse', 'tFlow', 'tFlowDisconnect', 'tFlowExit', 'tFlowOut',
  'tFlowOutcome', 'tHandle', 'tHeld', 'tHeldComplete', 'tIvr', 'tMonitoring', 'tMonitoringComplete', 'tNotResponding', 'tPark', 'tParkComplete',
  'tScreenMonitoring', 'tShortAbandon', 'tSnippetRecord', 'tTalk', 'tTalkComplete', 'tTransmitting', 'tUserResponseTime', 'tVoicemail',
] as const;

/** SegmentDetailQueryPredicate.dimension */
export const SEGMENT_DIMENSIONS = [
  'addressFrom', 'addressOther', 'addressSelf', 'addressTo', 'agentScore', 'ani', 'audioMuted', 'callbackNumber', 'callbackScheduledTime',
  'callbackUserName', 'cobrowseRole', 'cobrowseRoomId', 'conference', 'destinationConversationId', 'destinationSessionId', 'direction',
  'disconnectType', 'dispositionAnalyzer', 'dispositionName', 'dnis', 'edgeId', 'endingLanguage', 'entryReason', 'entryType', 'errorCode',
  'exitReason', 'externalContactId', 'externalOrganizationId', 'flaggedReason', 'flowId', 'flowName', 'flowOutcome', 'flowOutcomeEndTimestamp',
  'flowOutcomeId', 'flowOutcomeStartTimestamp', 'flowOutcomeValue', 'flowType', 'flowVersion', 'groupId', 'issuedCallback', 'journeyActionId',
  'journeyActionMapId', 'journeyActionMapVersion', 'journeyCustomerId', 'journeyCustomerIdType', 'journeyCustomerSessionId',
  'journeyCustomerSessionIdType', 'mediaBridgeId', 'mediaType', 'messageType', 'monitoredParticipantId', 'outboundCampaignId',
  'outboundContactId', 'outboundContactListId', 'participantId', 'participantName', 'peerId', 'protocolCallId', 'provider', 'purpose',
  'q850ResponseCode', 'queueId', 'remote', 'recording', 'remoteNameDisplayable', 'requestedLanguageId', 'requestedRoutingSkillId',
  'requestedRoutingUserId', 'roomId', 'scoredAgentId', 'screenShareAddressSelf', 'screenShareRoomId', 'scriptId', 'segmentEnd', 'segmentType',
  'sessionDnis', 'sessionId', 'sharingScreen', 'sipResponseCode', 'skipEnabled', 'sourceConversationId', 'sourceSessionId', 'startingLanguage',
  'subject', 'timeoutSeconds', 'transferTargetAddress', 'transferTargetName', 'transferType', 'userId', 'videoAddressSelf', 'videoMuted',
  'videoRoomId', 'wrapUpCode', 'wrapUpNote', 'wrapUpTag',
] as const;

/** SegmentDetailQueryPredicate.metric */
export const SEGMENT_METRICS = ['tSegmentDuration'] as const;

/** SegmentDetailQueryPredicate.propertyType */
export const PROPERTY_TYPES = ['bool', 'integer', 'real', 'date', 'string', 'uuid'] as const;

export type ConversationDimension = (typeof CONVERSATION_DIMENSIONS)[number];
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];
export type FilterKind = 'conversationFilters' | 'segmentFilters';

export const DIMENSIONS_BY_KIND: Record<FilterKind, readonly string[]> = {
  conversationFilters: CONVERSATION_DIMENSIONS,
  segmentFilters: SEGMENT_DIMENSIONS,
};
export const METRICS_BY_KIND: Record<FilterKind, readonly string[]> = {
  conversationFilters: CONVERSATION_METRICS,
  segmentFilters: SEGMENT_METRICS,
};
